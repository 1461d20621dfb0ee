// Printed by `npm start` once the platform is set up.
const port = process.env.PORT ?? 3000;
console.log(`
  Rights Academy for Local Government is starting on http://localhost:${port}

  Demo accounts (password: demo-password-2026)
    learner@demo.test   civil servant of the demo municipality
    manager@demo.test   manager of the demo municipality
    author@demo.test    author at the demo training academy
    reviewer@demo.test  second author at the academy (reviews and publishes)
    admin@demo.test     platform administrator
    manager2@demo.test  manager of a second demo municipality (Lakeside)
`);

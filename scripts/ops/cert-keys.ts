// npm run cert-keys -- show | generate | rotate
//   show      which key signs and which retired keys still verify
//   generate  prints a new Ed25519 private key (JWK) for CERT_SIGNING_KEY
//   rotate    key file (CERT_KEYS_FILE, default .data/certificate-keys.json): a new current key,
//             the old one's public part retired, in place. With CERT_SIGNING_KEY set: prints the
//             new CERT_SIGNING_KEY and CERT_VERIFICATION_KEYS to set in every app process.
// Restart (or roll) every app process afterwards: each reads the keys once at start.
import { generatePrivateJwk } from "../../app/certificates/keys.server.ts";
import { describeKeys, rotatedEnvironment, rotateKeyFile } from "../../app/ops/cert-keys.server.ts";
import path from "node:path";

const command = process.argv.slice(2).find((a) => a !== "--");
try {
  if (command === "show") {
    const keys = await describeKeys();
    console.log(`keys from ${keys.from}\nsigning key: ${keys.signing}\nretired keys that still verify: ${keys.retired.join(", ") || "none"}`);
  } else if (command === "generate") {
    console.log(JSON.stringify(generatePrivateJwk()));
  } else if (command === "rotate") {
    if (process.env.CERT_SIGNING_KEY) {
      const next = await rotatedEnvironment(process.env);
      console.log(`# new signing key ${next.current}; ${next.previous} retired (still verifies). Set in every app process, then restart them:`);
      console.log(`CERT_SIGNING_KEY='${next.CERT_SIGNING_KEY}'`);
      console.log(`CERT_VERIFICATION_KEYS='${next.CERT_VERIFICATION_KEYS}'`);
    } else {
      const file = path.resolve(process.env.CERT_KEYS_FILE ?? ".data/certificate-keys.json");
      const done = await rotateKeyFile(file);
      console.log(`Rotated ${file}: new signing key ${done.current}; retired keys that still verify: ${done.retired.join(", ")}.`);
      console.log("Restart every app process so that it signs with the new key.");
    }
  } else {
    console.log("usage: npm run cert-keys -- show | generate | rotate");
    process.exit(command ? 2 : 0);
  }
} catch (error) {
  console.error(`cert-keys: ${(error as Error).message}`);
  process.exit(1);
}

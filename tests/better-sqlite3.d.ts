// better-sqlite3 comes nested from @prisma/adapter-better-sqlite3; the tests only need exec/close.
declare module "better-sqlite3" {
  export default class Database {
    constructor(file: string);
    exec(sql: string): this;
    close(): void;
  }
}

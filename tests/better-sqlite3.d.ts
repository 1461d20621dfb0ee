// better-sqlite3 comes nested from @prisma/adapter-better-sqlite3 (no @types package is installed):
// the subset of its API that the tests and app/ops use.
declare module "better-sqlite3" {
  interface Statement {
    all(...params: unknown[]): Record<string, unknown>[];
    get(...params: unknown[]): Record<string, unknown> | undefined;
    iterate(...params: unknown[]): IterableIterator<Record<string, unknown>>;
    raw(raw?: boolean): Statement;
  }
  export default class Database {
    constructor(file: string, options?: { readonly?: boolean; fileMustExist?: boolean });
    exec(sql: string): this;
    prepare(sql: string): Statement;
    pragma(source: string, options?: { simple?: boolean }): unknown;
    backup(destination: string): Promise<{ totalPages: number; remainingPages: number }>;
    close(): void;
  }
}

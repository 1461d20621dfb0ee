import { afterEach, describe, expect, it } from "vitest";
import { loader } from "./healthz";

const g = globalThis as unknown as { __db?: Promise<unknown> };
afterEach(() => {
  g.__db = undefined;
});

describe("/healthz", () => {
  it("answers 503 when the database is unreachable", async () => {
    g.__db = Promise.resolve({ $queryRawUnsafe: () => Promise.reject(new Error("connection refused")) });
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", database: "unreachable" });
  });
  it("answers 200 when the database answers", async () => {
    g.__db = Promise.resolve({ $queryRawUnsafe: () => Promise.resolve([{ 1: 1 }]) });
    expect((await loader()).status).toBe(200);
  });
});

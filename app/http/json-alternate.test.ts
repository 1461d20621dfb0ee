import { describe, expect, it } from "vitest";
import { jsonAlternate, prefersJson } from "./json-alternate";

describe("JSON alternate of the verification page", () => {
  it("serves /verify/<id>.json to a request that prefers JSON, keeping the query", () => {
    expect(jsonAlternate("GET", "/verify/abc", "application/json")).toBe("/verify/abc.json");
    expect(jsonAlternate("HEAD", "/verify/abc?lng=fr", "application/json, text/plain")).toBe("/verify/abc.json?lng=fr");
  });

  it("leaves browsers, other methods and other paths alone", () => {
    expect(jsonAlternate("GET", "/verify/abc", "text/html,application/xhtml+xml,application/json;q=0.9")).toBeNull();
    expect(jsonAlternate("GET", "/verify/abc", "*/*")).toBeNull();
    expect(jsonAlternate("GET", "/verify/abc", undefined)).toBeNull();
    expect(jsonAlternate("POST", "/verify/abc", "application/json")).toBeNull();
    expect(jsonAlternate("GET", "/verify", "application/json")).toBeNull();
    expect(jsonAlternate("GET", "/verify/abc.json", "application/json")).toBeNull();
    expect(jsonAlternate("GET", "/certificates/abc", "application/json")).toBeNull();
    expect(prefersJson("application/json")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret.server";

describe("sealed invitation tokens", () => {
  const secret = "s".repeat(40);
  it("round-trips, and never shows the token in the sealed form", () => {
    const sealed = sealSecret("the-raw-token-value", secret);
    expect(sealed).not.toContain("the-raw-token-value");
    expect(openSecret(sealed, secret)).toBe("the-raw-token-value");
    expect(sealSecret("the-raw-token-value", secret)).not.toBe(sealed); // fresh IV each time
  });
  it("refuses another key and a tampered value", () => {
    const sealed = sealSecret("token", secret);
    expect(openSecret(sealed, "t".repeat(40))).toBeNull();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("other").toString("base64url");
    expect(openSecret(parts.join("."), secret)).toBeNull();
    expect(openSecret("garbage", secret)).toBeNull();
  });
});

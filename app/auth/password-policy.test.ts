import { describe, expect, it } from "vitest";
import { checkPassword } from "./password-policy.server";

describe("password policy", () => {
  it("accepts a long passphrase with no composition rules", () => {
    expect(checkPassword("the river runs through our town")).toBeNull();
    expect(checkPassword("abcdefghijk")).toBeNull(); // no digits or symbols required
  });
  it("refuses fewer than 10 characters, counting characters not bytes", () => {
    expect(checkPassword("short")).toBe("tooShort");
    expect(checkPassword("123456789")).toBe("tooShort");
    expect(checkPassword("حقوق الإنسان")).toBeNull(); // 12 Arabic characters
    expect(checkPassword("人权人权人权人权人")).toBe("tooShort"); // 9 characters
  });
  it("refuses more than 128 characters", () => {
    expect(checkPassword("a b".repeat(43))).toBe("tooLong");
    expect(checkPassword("x".repeat(128))).not.toBe("tooLong");
  });
  it("refuses common passwords, whatever the case", () => {
    expect(checkPassword("password123")).toBe("tooCommon");
    expect(checkPassword("QWERTYUIOP")).toBe("tooCommon");
    expect(checkPassword("1234567890")).toBe("tooCommon");
  });
  it("refuses a password built on the email's local part", () => {
    expect(checkPassword("fatou.diallo-2026", { email: "fatou.diallo@example.org" })).toBe("containsEmail");
  });
});

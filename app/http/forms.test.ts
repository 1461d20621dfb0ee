import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fail, failureOf, formValues, parseForm, readForm } from "./forms";

const schema = z.object({
  name: z.string().trim().min(1, "field.required"),
  age: z.string().regex(/^\d+$/, "authoring:form.wholeNumber").transform(Number),
});

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("the form contract", () => {
  it("gives the typed data, or one failure per wrong field (its first problem)", () => {
    expect(parseForm(schema, form([["name", " Ana "], ["age", "40"]]))).toEqual({ ok: true, data: { name: "Ana", age: 40 } });
    expect(parseForm(schema, form([["name", ""], ["age", "x"]]))).toEqual({
      ok: false,
      errors: [
        { key: "field.required", field: "name" },
        { key: "authoring:form.wholeNumber", field: "age" },
      ],
    });
    // values already read work the same
    expect(parseForm(schema, { name: "Ana", age: "7" })).toEqual({ ok: true, data: { name: "Ana", age: 7 } });
  });

  it("a refusal of one reason has the same shape; the form-wide one has no field", () => {
    const refused = fail("login.invalid");
    expect(refused).toEqual({ ok: false, errors: [{ key: "login.invalid" }] });
    expect(failureOf(refused.errors)).toEqual({ key: "login.invalid" });
    expect(failureOf(refused.errors, "email")).toBeUndefined();
    expect(fail("organizations:assign.errors.notMembers", { field: "emails", values: { emails: "a@b.org" } }).errors[0]).toEqual({
      key: "organizations:assign.errors.notMembers",
      field: "emails",
      values: { emails: "a@b.org" },
    });
  });

  it("keeps what was typed: only the listed fields, a repeated name comma-separated, no files", () => {
    const f = form([["email", "a@b.org"], ["password", "secret"], ["correct", "0"], ["correct", "2"]]);
    f.append("file", new Blob(["x"]), "x.txt");
    expect(formValues(f, ["email"])).toEqual({ email: "a@b.org" });
    expect(formValues(f)).toEqual({ email: "a@b.org", password: "secret", correct: "0,2" });
  });

  it("a malformed or oversized body is a 4xx before the schema runs", async () => {
    const post = (body: string, type: string) => new Request("http://localhost/x", { method: "POST", body, headers: { "Content-Type": type } });
    await expect(readForm(post("{}", "application/json"), schema)).rejects.toMatchObject({ status: 415 });
    await expect(readForm(post("name=" + "a".repeat(100), "application/x-www-form-urlencoded"), schema, { maxBytes: 10 })).rejects.toMatchObject({ status: 413 });
    await expect(readForm(post("--x\r\nbroken", "multipart/form-data; boundary=y"), schema)).rejects.toMatchObject({ status: 400 });
    const ok = await readForm(post("name=Ana&age=3", "application/x-www-form-urlencoded"), schema);
    expect(ok).toMatchObject({ ok: true, data: { name: "Ana", age: 3 } });
    expect(ok.formData.get("name")).toBe("Ana");
  });
});

import { describe, expect, it } from "vitest";
import { asOrgNames, orgName } from "./names";
import { organizationNamesSchema } from "./forms";
import { parseForm } from "~/http/forms";

describe("an organization's name per language", () => {
  const org = { name: "City of Riverside (demo)", names: { ar: "مدينة ريفرسايد (تجريبية)", zh: "里弗赛德市（演示）", xx: "unknown", fr: "  " } };

  it("is the reader's language, else the default name", () => {
    expect(orgName(org, "ar")).toBe("مدينة ريفرسايد (تجريبية)");
    expect(orgName(org, "zh")).toBe("里弗赛德市（演示）");
    expect(orgName(org, "fr")).toBe("City of Riverside (demo)"); // blank: the default
    expect(orgName(org, "es")).toBe("City of Riverside (demo)");
    expect(orgName({ name: "Lakeside", names: null }, "ar")).toBe("Lakeside");
    expect(orgName({ name: "Lakeside" }, "not-a-locale")).toBe("Lakeside");
  });

  it("reads the column as stored by either database (object or JSON text) and drops what is not a name", () => {
    expect(asOrgNames('{"ru":"Город","de":"Stadt"}')).toEqual({ ru: "Город" });
    expect(asOrgNames("not json")).toEqual({});
    expect(asOrgNames([1, 2])).toEqual({});
    expect(asOrgNames({ es: 3 })).toEqual({});
  });

  it("takes the administrator's form: a default name is required, names per language are optional", () => {
    const form = new FormData();
    form.set("name", " Town of Lakeside ");
    form.set("name.ar", "بلدة ليكسايد");
    form.set("name.zh", "");
    form.set("organizationId", "org-1");
    expect(parseForm(organizationNamesSchema, form)).toEqual({ ok: true, data: { organizationId: "org-1", name: "Town of Lakeside", names: { ar: "بلدة ليكسايد" } } });
    form.set("name", "  ");
    expect(parseForm(organizationNamesSchema, form)).toEqual({ ok: false, errors: [{ key: "organizations:admin.names.errors.required", field: "name" }] });
    form.set("name", "Lakeside");
    form.set("name.fr", "x".repeat(201));
    expect(parseForm(organizationNamesSchema, form)).toEqual({ ok: false, errors: [{ key: "organizations:admin.names.errors.tooLong", field: "name.fr" }] });
  });
});

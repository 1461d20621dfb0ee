// The report filters (department, course, training status, member status, search), read from the
// URL so that a filtered view can be bookmarked, shared and exported as it is.

export const TRAINING_STATUSES = ["overdue", "due", "completed", "unassigned"] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];
export const MEMBER_STATUSES = ["ACTIVE", "DEACTIVATED"] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** The department filter's value for members without a department. */
export const NO_DEPARTMENT = "none";

export type ReportFilters = {
  department: string | null; // a department id of this organization, NO_DEPARTMENT, or null for all
  course: string | null;
  status: TrainingStatus | null;
  member: MemberStatus | null;
  q: string;
};

export const emptyFilters: ReportFilters = { department: null, course: null, status: null, member: null, q: "" };

/** Unknown values (another organization's department id, a typo) are dropped, never trusted. */
export function readFilters(params: URLSearchParams, known: { departmentIds: string[]; courseIds: string[] }): ReportFilters {
  const department = params.get("department");
  const course = params.get("course");
  const status = params.get("status");
  const member = params.get("member");
  return {
    department: department === NO_DEPARTMENT || (department && known.departmentIds.includes(department)) ? department : null,
    course: course && known.courseIds.includes(course) ? course : null,
    status: (TRAINING_STATUSES as readonly string[]).includes(status ?? "") ? (status as TrainingStatus) : null,
    member: (MEMBER_STATUSES as readonly string[]).includes(member ?? "") ? (member as MemberStatus) : null,
    q: (params.get("q") ?? "").trim().slice(0, 100),
  };
}

/** The filters as a query string (leading "?" when not empty), with extra parameters. */
export function filterQuery(filters: Partial<ReportFilters>, extra: Record<string, string | number | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function pageNumber(params: URLSearchParams): number {
  const page = Number(params.get("page") ?? 1);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

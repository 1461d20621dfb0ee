import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { expect, type Page } from "@playwright/test";

type QuizFile = { questions: { key: string; type: string; options?: string[]; answer: string | string[] | boolean }[] };

/** The answer key, read from the course files by the test (the browser never gets it). */
export function answerKey(dir: string): Map<string, { type: string; options: string[]; answer: string[] }> {
  const quiz = parse(readFileSync(`${dir}/quiz.yaml`, "utf8")) as QuizFile;
  return new Map(
    quiz.questions.map((q) => [
      q.key,
      {
        type: q.type,
        options: q.type === "true-false" ? ["true", "false"] : q.options!,
        answer: q.type === "true-false" ? [String(q.answer)] : Array.isArray(q.answer) ? q.answer : [String(q.answer)],
      },
    ]),
  );
}

/** Answers the question on screen, rightly or wrongly, and checks it. Returns its key. */
export async function answerCurrent(page: Page, key: Map<string, { type: string; options: string[]; answer: string[] }>, right: boolean) {
  const inputs = page.locator("fieldset input");
  const orderButtons = page.locator("fieldset .order-list button");
  let questionKey: string | undefined;
  if ((await orderButtons.count()) > 0) {
    const items = await page.locator("fieldset .order-list li button[data-direction=up]").evaluateAll((els) => els.map((e) => e.getAttribute("data-key")!));
    questionKey = [...key.entries()].find(([, q]) => q.type === "ordering" && q.options.slice().sort().join() === items.slice().sort().join())![0];
    const target = right ? key.get(questionKey)!.answer : key.get(questionKey)!.answer.slice().reverse();
    // bubble each item into place with the Up buttons, as a keyboard user would
    const readOrder = () =>
      page.locator("fieldset .order-list li button[data-direction=up]").evaluateAll((els) => els.map((e) => e.getAttribute("data-key")!));
    for (let i = 0; i < target.length; i++) {
      for (let at = (await readOrder()).indexOf(target[i]); at > i; at--) {
        await page.locator(`fieldset button[data-key="${target[i]}"][data-direction=up]`).click();
        await expect.poll(async () => (await readOrder()).indexOf(target[i])).toBe(at - 1);
      }
    }
  } else {
    const name = (await inputs.first().getAttribute("name"))!; // q-<key>
    questionKey = name.slice(2);
    const q = key.get(questionKey)!;
    const choose = right ? q.answer : [q.options.find((o) => !q.answer.includes(o))!];
    for (const option of choose) await page.locator(`fieldset input[value="${option}"]`).check();
  }
  await page.getByTestId("check-answer").click();
  await expect(page.getByTestId("feedback")).toBeVisible();
  return questionKey;
}

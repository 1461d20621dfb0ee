// Runs first in `npm test` and `npm run test:e2e`: the tests need a few programs that npm cannot
// bring here (only the npm registry and Debian's packages are reachable, so Playwright cannot
// download its own browser):
//   - Chromium for the e2e tests: Debian's /usr/bin/chromium, or the binary CHROME_PATH names
//     (playwright.config.ts);
//   - openssl and jq: app/certificates/credential.test.ts runs the offline verification recipe of
//     docs/certificates.md, which uses them.
// All present: nothing to do. Missing, as root with apt-get: installs the Debian packages and says so
// in one line. Missing otherwise: stops at once with one sentence saying what to install.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const browser = process.env.CHROME_PATH || "/usr/bin/chromium";

function runnable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const onPath = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

function missing() {
  const packages = [];
  if (!runnable(browser)) packages.push("chromium");
  if (!onPath("openssl")) packages.push("openssl");
  if (!onPath("jq")) packages.push("jq");
  return packages;
}

const wanted = missing();
if (wanted.length === 0) process.exit(0);

if (process.env.CHROME_PATH && wanted.includes("chromium")) {
  console.error(`CHROME_PATH is ${browser}, which is not an executable file: point it at a Chromium or Chrome binary (or unset it to use Debian's /usr/bin/chromium).`);
  process.exit(1);
}

const advice = `install ${wanted.join(", ")} (Debian/Ubuntu: sudo apt-get install ${wanted.join(" ")})${
  wanted.includes("chromium") ? ", or set CHROME_PATH to a Chromium or Chrome binary" : ""
}`;

if (process.getuid?.() === 0 && onPath("apt-get")) {
  console.log(`The tests need ${wanted.join(", ")}: installing Debian's ${wanted.join(" ")} (apt-get install)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", ...wanted]]) {
    const result = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed (exit ${result.status}): ${advice}.`);
      process.exit(1);
    }
  }
  const still = missing();
  if (still.length === 0) process.exit(0);
  console.error(`apt-get ran, but ${still.join(", ")} ${still.length > 1 ? "are" : "is"} still missing: ${advice}.`);
  process.exit(1);
}

console.error(`The tests need programs that npm does not bring: ${advice}.`);
process.exit(1);

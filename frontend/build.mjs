// Compiles govlearn's Sass and copies GOV.UK Frontend's scripts and images
// into build/static, which Django serves as static files. Run by `make`.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(root, "build", "static");

mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "govuk"), { recursive: true });

const result = sass.compile(join(root, "frontend", "govlearn.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "css", "govlearn.css"), result.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk", "govuk-frontend.min.js"));
cpSync(join(root, "frontend", "init.mjs"), join(out, "govuk", "init.mjs"));
cpSync(join(root, "frontend", "quiz.mjs"), join(out, "govuk", "quiz.mjs"));
cpSync(join(govuk, "assets", "images"), join(out, "govuk", "assets", "images"), { recursive: true });
cpSync(join(govuk, "assets", "manifest.json"), join(out, "govuk", "assets", "manifest.json"));

// The certificate PDFs embed Noto Sans (SIL Open Font License), read from disk when rendering, never fetched.
const fonts = join(root, "build", "fonts");
mkdirSync(fonts, { recursive: true });
for (const weight of ["400", "700"]) {
  for (const subset of ["latin", "latin-ext", "greek", "cyrillic"]) {
    const name = `noto-sans-${subset}-${weight}-normal.woff2`;
    cpSync(join(root, "node_modules", "@fontsource", "noto-sans", "files", name), join(fonts, name));
  }
}
cpSync(join(root, "node_modules", "@fontsource", "noto-sans", "LICENSE"), join(fonts, "LICENSE-noto-sans.txt"));

console.log(`GOV.UK Frontend built into ${out}`);

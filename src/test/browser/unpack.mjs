// Unpacks the Chromium that @sparticuz/chromium ships (brotli-compressed) into the folder given as the only
// argument and writes a fontconfig file there that adds the package's fonts to the system's, so that the page
// renders text on a machine with no fonts installed. Prints the browser's path. Fast when already unpacked.
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const out = resolve(process.argv[2] ?? "unpacked");
mkdirSync(out, { recursive: true });
// the package unpacks into the temporary folder of the moment: make it ours
process.env.TMPDIR = out;
const { default: chromium } = await import("@sparticuz/chromium");
chromium.setGraphicsMode = false;
const browser = await chromium.executablePath();

writeFileSync(resolve(out, "fonts.conf"), `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${resolve(out, "fonts")}</dir>
  <cachedir>${resolve(out, "fonts-cache")}</cachedir>
</fontconfig>
`);
console.log(browser);

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

// The emulator encodes DSS's behaviour on its own: an import from the provider would let a provider
// mistake be mirrored by the emulator and pass unseen.
describe("emulator: independence from the provider", () => {
  it("no file under provider/emulator imports from outside it", () => {
    const root = path.resolve(__dirname, "../../../provider/emulator");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, d.name);
        if (d.isDirectory()) walk(file);
        else if (d.name.endsWith(".ts")) {
          for (const m of fs.readFileSync(file, "utf8").matchAll(/from\s+"(\.[^"]*)"/g)) {
            const target = path.resolve(path.dirname(file), m[1]);
            if (!target.startsWith(root)) offenders.push(`${path.relative(root, file)} imports ${m[1]}`);
          }
        }
      }
    };
    walk(root);
    assert.deepStrictEqual(offenders, []);
  });
});

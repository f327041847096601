// bench/gen-modelica: a deterministic, realistic Modelica package directory of a given size, shaped
// like the Modelica Standard Library (package.mo + package.order per package, one class per file,
// about half of the bytes in annotations: Documentation HTML, Icon graphics, Placement, Line).
// Usage: node bench/gen-modelica.js OUTDIR [MB]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Seeded PRNG (Marsaglia 2003, "Xorshift RNGs", J. Stat. Softw. 8(14)): same seed, same corpus. */
function xorshift(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const UNITS = [["Length", "m"], ["Mass", "kg"], ["Force", "N"], ["Torque", "N.m"], ["AngularVelocity", "rad/s"], ["Voltage", "V"], ["Current", "A"], ["Resistance", "Ohm"], ["Time", "s"], ["Pressure", "Pa"]];

function icon(rnd) {
  const c = () => Math.floor(rnd() * 255);
  const x = () => Math.floor(rnd() * 200) - 100;
  return `Icon(coordinateSystem(preserveAspectRatio = false, extent = {{-100, -100}, {100, 100}}), graphics = {
        Rectangle(extent = {{${x()}, ${x()}}, {${x()}, ${x()}}}, lineColor = {${c()}, ${c()}, ${c()}}, fillColor = {${c()}, ${c()}, ${c()}}, fillPattern = FillPattern.Solid),
        Line(points = {{${x()}, ${x()}}, {${x()}, ${x()}}, {${x()}, ${x()}}}, color = {${c()}, ${c()}, ${c()}}, thickness = 0.5),
        Text(extent = {{-150, 110}, {150, 150}}, textString = "%name", textColor = {0, 0, 255})})`;
}

function doc(rnd, name) {
  const words = ["rotor", "bearing", "stiffness", "damping", "torque", "speed", "signal", "the", "model", "of", "a", "with", "and", "equation", "parameter"];
  const sentence = () => Array.from({ length: 8 + Math.floor(rnd() * 12) }, () => words[Math.floor(rnd() * words.length)]).join(" ");
  return `Documentation(info = "<html>
<p>
${name}: ${sentence()}.
${sentence()}.
</p>
<p>${sentence()} (see <a href=\\"modelica://Lib.UsersGuide\\">users guide</a>).</p>
</html>", revisions = "<html><ul><li>${2000 + Math.floor(rnd() * 24)}: ${sentence()}</li></ul></html>")`;
}

function model(rnd, pkg, name, lib) {
  const n = 3 + Math.floor(rnd() * 6);
  const lines = [`within ${pkg};`, `model ${name} "${name} of the generated library"`, `  extends ${lib}.Interfaces.TwoPorts;`];
  for (let i = 0; i < n; i++) {
    const [q, u] = UNITS[Math.floor(rnd() * UNITS.length)];
    lines.push(`  parameter ${lib}.Units.${q} p${i} = ${(rnd() * 100).toPrecision(4)} "parameter ${i} in ${u}";`);
  }
  lines.push(`  ${lib}.Interfaces.Port port[${n}] "ports" annotation(Placement(transformation(extent = {{-10, -10}, {10, 10}}, rotation = ${Math.floor(rnd() * 4) * 90})));`);
  lines.push(`  Real x[${n}](each start = 0, each fixed = true) "states";`, `  Real y "output";`);
  lines.push("protected", `  Real tmp = sum(p for p in {${Array.from({ length: n }, (_, i) => `p${i}`).join(", ")}});`);
  lines.push("equation");
  for (let i = 0; i < n; i++) lines.push(`  der(x[${i + 1}]) = -p${i} * x[${i + 1}] + (if time > ${(rnd() * 10).toFixed(2)} then 1 else 0) + port[${i + 1}].f; // state ${i}`);
  for (let i = 0; i + 1 < n; i++) lines.push(`  connect(port[${i + 1}], port[${i + 2}]) annotation(Line(points = {{${i * 10}, 0}, {${i * 10 + 10}, 0}}, color = {0, 127, 255}));`);
  lines.push(`  y = sum(x) + tmp;`, `  a.f + b.f = 0;`, `  a.s = b.s;`);
  lines.push(`  annotation(${icon(rnd)},\n    ${doc(rnd, name)});`, `end ${name};`, "");
  return lines.join("\n");
}

function func(rnd, pkg, name) {
  return `within ${pkg};
function ${name} "generated function"
  input Real u[:] "input vector";
  input Real k = ${(rnd() * 5).toFixed(3)};
  output Real y;
protected
  Integer n = size(u, 1);
algorithm
  y := 0;
  for i in 1:n loop
    y := y + k * u[i] ^ 2;
  end for;
  if y > 1e3 then
    y := 1e3;
  end if;
  annotation(Inline = true, ${doc(rnd, name)});
end ${name};
`;
}

/** Writes the corpus under OUTDIR/Lib; returns { bytes, files }. */
export function generateModelicaCorpus(outDir, megabytes = 20, seed = 20240601) {
  const rnd = xorshift(seed);
  const lib = "Lib";
  const root = join(outDir, lib);
  mkdirSync(join(root, "Interfaces"), { recursive: true });
  let bytes = 0;
  let files = 0;
  const put = (path, text) => {
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
    files++;
  };
  put(join(root, "package.mo"), `within;\npackage ${lib} "generated library"\n  package Units\n${UNITS.map(([q, u]) => `    type ${q} = Real(final quantity = "${q}", final unit = "${u}");`).join("\n")}\n  end Units;\n  annotation(${doc(rnd, lib)});\nend ${lib};\n`);
  put(join(root, "Interfaces", "package.mo"), `within ${lib};\npackage Interfaces\n  connector Port\n    Real s;\n    flow Real f;\n  end Port;\n  partial model TwoPorts\n    Port a annotation(Placement(transformation(extent = {{-110, -10}, {-90, 10}})));\n    Port b annotation(Placement(transformation(extent = {{90, -10}, {110, 10}})));\n  end TwoPorts;\nend Interfaces;\n`);
  const order = ["Units", "Interfaces"];
  let p = 0;
  while (bytes < megabytes * 1e6) {
    const pkg = `Package${p++}`;
    order.push(pkg);
    const dir = join(root, pkg);
    mkdirSync(dir, { recursive: true });
    const names = [];
    for (let i = 0; i < 40; i++) {
      const name = i % 5 === 4 ? `f${i}` : `Model${i}`;
      names.push(name);
      put(join(dir, `${name}.mo`), i % 5 === 4 ? func(rnd, `${lib}.${pkg}`, name) : model(rnd, `${lib}.${pkg}`, name, lib));
    }
    put(join(dir, "package.mo"), `within ${lib};\npackage ${pkg} "generated package ${p}"\n  extends Modelica.Icons.Package;\nend ${pkg};\n`);
    put(join(dir, "package.order"), names.join("\n") + "\n");
  }
  put(join(root, "package.order"), order.join("\n") + "\n");
  return { root, bytes, files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write("usage: node bench/gen-modelica.js OUTDIR [MB]\n");
    process.exit(2);
  }
  const r = generateModelicaCorpus(out, Number(process.argv[3] ?? 20));
  process.stdout.write(JSON.stringify(r) + "\n");
}

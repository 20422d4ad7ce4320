// A deterministic tracking-matrix CSV as partners write it: Spanish headers, `;`, dd/mm/yyyy
// dates, country names instead of codes, labels for entry types and statuses, stages such as
// `Origen|Destino`. A port of core/benches/support/generator.rs: with the same seed it writes
// the same bytes, so JS and Rust figures are about the same file.

const COUNTRIES = [
  "Guatemala", "México", "Honduras", "El Salvador", "Costa Rica", "Panamá",
  "República Dominicana", "Belice", "Nicaragua", "Canadá", "Estados Unidos", "Colombia",
];
const INSTITUTIONS = [
  "Secretaría de la Mujer", "Ministerio de Trabajo", "Instituto de Migración", "Cancillería",
  "Defensoría del Pueblo", "Ministerio de Salud", "Instituto Nacional de las Mujeres",
  "Ministerio de Educación",
];
const TYPES = [
  "Buena práctica", "Avance", "Capacitación", "Campaña", "Cambio normativo", "Caso de éxito",
  "Investigación", "Evento",
];
const AXES = ["VCM", "EMP", "CUI", "SER", "PRO", "TRA", "DAT", "NNA", "RET", "FOR"];
const STATUS = ["En curso", "Completada", "Planificada", "Cancelada"];
const STAGES = ["Origen", "Tránsito", "Destino", "Retorno", "Origen|Destino", ""];

export const HEADER =
  "ID;País;Institución informante;Fecha de reporte;Tipo de registro;Título;Eje temático;" +
  "Lineamientos;Actividad del plan;Etapas;Estado;Avance (%);Mujeres;Hombres;Niñas;Niños;Aprobado\n";

/** The Rust generator's linear congruential generator: state = state * A + C (mod 2^64), out
 *  the top 31 bits. The 64-bit state is four 16-bit limbs (low first), so every partial
 *  product stays exact in a double and no BigInt is needed (BigInt made generation 20x slower). */
const [A0, A1, A2, A3] = [0x7f2d, 0x4c95, 0xf42d, 0x5851]; // 6364136223846793005
const [C0, C1, C2, C3] = [0x814f, 0xf767, 0x7b7e, 0x1405]; // 1442695040888963407
const LIMB = 0x10000;
class Lcg {
  constructor(seed) {
    // seed < 2^53
    this.s0 = seed % LIMB;
    this.s1 = Math.floor(seed / LIMB) % LIMB;
    this.s2 = Math.floor(seed / LIMB ** 2) % LIMB;
    this.s3 = Math.floor(seed / LIMB ** 3) % LIMB;
  }
  next() {
    const { s0, s1, s2, s3 } = this;
    let sum = C0 + A0 * s0;
    this.s0 = sum % LIMB;
    sum = Math.floor(sum / LIMB) + C1 + A0 * s1 + A1 * s0;
    this.s1 = sum % LIMB;
    sum = Math.floor(sum / LIMB) + C2 + A0 * s2 + A1 * s1 + A2 * s0;
    this.s2 = sum % LIMB;
    sum = Math.floor(sum / LIMB) + C3 + A0 * s3 + A1 * s2 + A2 * s1 + A3 * s0;
    this.s3 = sum % LIMB;
    // state >> 33: the top two limbs without their lowest bit
    return this.s3 * 0x8000 + (this.s2 >>> 1);
  }
  pick(xs) {
    return xs[this.next() % xs.length];
  }
}

const pad = (n, width) => String(n).padStart(width, "0");

/** The CSV text of `rows` data rows plus the header (seed 42 is the Rust benchmarks' file). */
export function matrixCsv(rows, seed = 42) {
  const rng = new Lcg(seed);
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    // The draws in the Rust generator's order (arguments are evaluated left to right there).
    const axis = rng.pick(AXES);
    const item = 1 + (rng.next() % 2);
    const day = 1 + (rng.next() % 28);
    const month = 1 + (rng.next() % 12);
    const year = 2019 + (rng.next() % 6);
    const status = rng.pick(STATUS);
    const progress =
      status === "Completada" ? 100 : status === "Planificada" ? 0 : 5 + 5 * (rng.next() % 19);
    const country = rng.pick(COUNTRIES);
    const institution = rng.pick(INSTITUTIONS);
    const type = rng.pick(TYPES);
    const title = rng.next() % 100_000;
    const activity = rng.next() % 50_000;
    const stages = rng.pick(STAGES);
    const women = rng.next() % 200;
    const men = rng.next() % 80;
    const girls = rng.next() % 30;
    const boys = rng.next() % 30;
    const approved = rng.next() % 3 === 0 ? "no" : "sí";
    lines.push(
      `E${pad(i, 7)};${country};${institution};${pad(day, 2)}/${pad(month, 2)}/${year};${type};` +
        `Actividad ${title};${axis};${axis}-${item};ACT-${activity};${stages};${status};${progress};` +
        `${women};${men};${girls};${boys};${approved}\n`,
    );
  }
  return lines.join("");
}

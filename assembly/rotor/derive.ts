// What the model JSON leaves to be derived (DESIGN.md, "Rotor model JSON"; assembly/ABI.md, "Rotor
// model description, version 2"): the shear modulus of a material given by Poisson's ratio, and the
// mass properties of a disk given by its geometry. Computed here, in the core, so that a recorded run
// holds the values as the user wrote them and every derived number comes from the archived binary.
// The operations are written in the order the host used before (src/rotor/model.ts up to layout 1),
// so models that ran then give the same bits now.

/**
 * Density (kg/m³) of a disk given by geometry without a material: ROSS's `steel`
 * (petrobras/ross, ross/materials.py: rho = 7810, E = 211e9, G_s = 81.2e9), the value of the
 * established codes.
 */
export const STEEL_RHO: f64 = 7810.0;

/**
 * A material may give both G and ν if they agree to this relative tolerance (rounded handbook values):
 * |E/(2(1+ν)) − G| ≤ 1e-3·G.
 */
export const G_NU_TOLERANCE: f64 = 1e-3;

/**
 * Shear modulus of an isotropic linear-elastic material from Young's modulus and Poisson's ratio,
 * G = E / (2(1 + ν)) (isotropic Hooke's law; the same expression as ROSS's Material,
 * petrobras/ross, ross/materials.py: `G_s = E / (2 * (1 + Poisson))`).
 */
export function shearModulusFromNu(E: f64, nu: f64): f64 {
  return E / (2 * (1 + nu));
}

/** True when a material's G and ν agree within G_NU_TOLERANCE. */
export function shearModulusAgrees(E: f64, G: f64, nu: f64): bool {
  return Math.abs(shearModulusFromNu(E, nu) - G) <= G_NU_TOLERANCE * G;
}

/**
 * Rigid disk given as a solid of revolution: a hollow circular cylinder of outer diameter od, inner
 * diameter id and axial width w, density rho. Its mass and its moments of inertia about the polar axis
 * and about a diameter through its centre of mass (the integrals ∫ r² dm over the annulus):
 *   m  = ρ π w (od² − id²) / 4,
 *   Ip = m (od² + id²) / 8                        (= m (ro² + ri²) / 2),
 *   Id = Ip / 2 + m w² / 12                       (= m (3 (ro² + ri²) + w²) / 12),
 * the thick-disk form; a thin disk (w → 0) has Id = Ip / 2 (perpendicular-axis theorem). These are the
 * formulas of ROSS (petrobras/ross, ross/disk_element.py, DiskElement.from_geometry), whose doctest
 * gives Ip = 0.32956362089137037 for steel, w = 0.07, id = 0.05, od = 0.28.
 * Returns [m, Id, Ip].
 */
export function diskMassProperties(rho: f64, od: f64, id: f64, w: f64): StaticArray<f64> {
  const m = (rho * Math.PI * w * (od * od - id * id)) / 4;
  const Ip = (m * (od * od + id * id)) / 8;
  const Id = Ip / 2 + (m * w * w) / 12;
  const out = new StaticArray<f64>(3);
  out[0] = m;
  out[1] = Id;
  out[2] = Ip;
  return out;
}

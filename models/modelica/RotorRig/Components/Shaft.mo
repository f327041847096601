within RotorRig.Components;
model Shaft "torsionally flexible shaft segment with lateral mount"
  extends TwoFlanges;
  parameter SI.Length L = 0.5 "length";
  parameter SI.Length d = 0.05 "diameter";
  parameter Real G(unit = "Pa") = 8.12e10 "shear modulus";
  parameter Real rho(unit = "kg/m3") = 7810 "density";
  final parameter SI.Inertia J = rho * Modelica.Constants.pi * d ^ 4 / 32 * L "polar inertia";
  final parameter Real c(unit = "N.m/rad") = G * Modelica.Constants.pi * d ^ 4 / 32 / L "torsional stiffness";
  Mount mount "lateral mount at mid span";
  SI.Angle phi_rel "twist";
equation
  phi_rel = b.phi - a.phi;
  b.tau = c * phi_rel;
  a.tau + b.tau = J * der(der(a.phi + b.phi)) / 2;
  mount.f = 0;
  annotation(Icon(graphics = {Rectangle(extent = {{-90, 10}, {90, -10}}, fillColor = {192, 192, 192}, fillPattern = FillPattern.HorizontalCylinder)}),
    Documentation(info = "<html><p>Shaft segment, lumped torsion (Friswell et al. 2010, Dynamics of Rotating Machines, §5.4).</p></html>"));
end Shaft;

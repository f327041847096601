within RotorRig.Components;
model Disc "rigid disc on the shaft"
  Flange flange annotation(Placement(transformation(extent = {{-10, -10}, {10, 10}})));
  parameter SI.Length od = 0.3 "outer diameter";
  parameter SI.Length id = 0.05 "bore";
  parameter SI.Length width = 0.05;
  parameter Real rho(unit = "kg/m3") = 7810;
  final parameter SI.Mass m = rho * Modelica.Constants.pi / 4 * (od ^ 2 - id ^ 2) * width "mass";
  final parameter SI.Inertia Jp = m / 8 * (od ^ 2 + id ^ 2) "polar inertia";
  SI.AngularVelocity w "speed";
equation
  w = der(flange.phi);
  Jp * der(w) = flange.tau;
end Disc;

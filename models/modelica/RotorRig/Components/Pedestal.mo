within RotorRig.Components;
model Pedestal "flexible pedestal: mass on a spring to ground"
  parameter SI.Mass m = 25;
  parameter SI.TranslationalSpringConstant k = 5e7;
  parameter SI.TranslationalDampingConstant d = 2000;
  Mount top;
  SI.Velocity v(start = 0, fixed = true);
initial equation
  top.x = 0;
equation
  v = der(top.x);
  m * der(v) = top.f - k * top.x - d * v;
end Pedestal;

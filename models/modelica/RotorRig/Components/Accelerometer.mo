within RotorRig.Components;
model Accelerometer "ideal accelerometer on a mount point"
  parameter Real sensitivity(unit = "V/(m/s2)") = 0.01 "output per acceleration";
  Mount probe;
  RealOutput y "voltage signal";
  SI.Velocity v;
  SI.Acceleration a;
equation
  probe.f = 0;
  v = der(probe.x);
  a = der(v);
  y = sensitivity * a;
end Accelerometer;

within RotorRig.Components;
model Motor "speed-controlled drive motor"
  parameter SI.AngularVelocity w_ref = 300 "speed set point";
  parameter Real kp(unit = "N.m.s/rad") = 5 "proportional gain";
  Flange flange;
equation
  flange.tau = -kp * (w_ref - der(flange.phi));
end Motor;

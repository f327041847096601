within RotorRig.Components;
model Bearing "linear bearing: stiffness and damping between shaft and pedestal"
  parameter SI.TranslationalSpringConstant k = 1e7 "stiffness";
  parameter SI.TranslationalDampingConstant d = 500 "damping";
  Mount shaft "shaft side";
  Mount housing "housing side";
equation
  shaft.f = k * (shaft.x - housing.x) + d * der(shaft.x - housing.x);
  shaft.f + housing.f = 0;
end Bearing;

within RotorRig;
model TestRig "shaft with two discs on two bearings, pedestal and accelerometers"
  import RotorRig.Components.*;
  Motor motor(w_ref = 314.16) annotation(Placement(transformation(extent = {{-100, -10}, {-80, 10}})));
  Shaft shaft1(L = 0.5, d = 0.05);
  Shaft shaft2(L = 0.5, d = 0.05);
  Shaft shaft3(L = 0.5, d = 0.05);
  Disc disc1(od = 0.3, width = 0.05) "inboard disc";
  Disc disc2(od = 0.3, width = 0.05) "outboard disc";
  Bearing bearing1(k = 1e7, d = 500) "drive-end bearing";
  Bearing bearing2(k = 8e6, d = 500) "non-drive-end bearing";
  Pedestal pedestal1;
  Pedestal pedestal2(m = 30);
  Accelerometer acc1(sensitivity = 0.0102) "drive-end accelerometer";
  Accelerometer acc2(sensitivity = 0.0098) "non-drive-end accelerometer";
equation
  connect(motor.flange, shaft1.a);
  connect(shaft1.b, disc1.flange);
  connect(shaft1.b, shaft2.a);
  connect(shaft2.b, disc2.flange);
  connect(shaft2.b, shaft3.a);
  connect(shaft1.mount, bearing1.shaft);
  connect(shaft3.mount, bearing2.shaft);
  connect(bearing1.housing, pedestal1.top);
  connect(bearing2.housing, pedestal2.top);
  connect(pedestal1.top, acc1.probe);
  connect(pedestal2.top, acc2.probe);
  annotation(experiment(StartTime = 0, StopTime = 2, Tolerance = 1e-6, Interval = 1e-4),
    Documentation(info = "<html><p>The rig of <code>models/test-rig.json</code> as a Modelica model.</p></html>"));
end TestRig;

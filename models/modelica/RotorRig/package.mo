within ;
package RotorRig "Rotor test rig: shaft, discs, bearings, pedestal and accelerometers"
  import SI = RotorRig.Units;

  package Units "SI units used by the rig"
    type Length = Real(final quantity = "Length", final unit = "m");
    type Mass = Real(final quantity = "Mass", final unit = "kg", min = 0);
    type Inertia = Real(final quantity = "MomentOfInertia", final unit = "kg.m2");
    type Angle = Real(final quantity = "Angle", final unit = "rad", displayUnit = "deg");
    type AngularVelocity = Real(final quantity = "AngularVelocity", final unit = "rad/s", displayUnit = "rev/min");
    type Torque = Real(final quantity = "Torque", final unit = "N.m");
    type Force = Real(final quantity = "Force", final unit = "N");
    type TranslationalSpringConstant = Real(final quantity = "TranslationalSpringConstant", final unit = "N/m");
    type TranslationalDampingConstant = Real(final quantity = "TranslationalDampingConstant", final unit = "N.s/m");
    type Acceleration = Real(final quantity = "Acceleration", final unit = "m/s2");
    type Velocity = Real(final quantity = "Velocity", final unit = "m/s");
  end Units;

  annotation(Documentation(info = "<html><p>A laboratory rotor rig written against its own small
component library (<code>RotorRig.Components</code>): a steel shaft carrying two discs on two
fluid-film bearings mounted on a flexible pedestal, with accelerometers on the bearing housings.</p></html>",
    revisions = "<html><ul><li>1.0: first archived version</li></ul></html>"), version = "1.0.0");
end RotorRig;

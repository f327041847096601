within ;
package Systems "Classic system-simulation examples"
  type Voltage = Real(unit = "V");
  type Current = Real(unit = "A");
  type Resistance = Real(unit = "Ohm", min = 0);
  type Inductance = Real(unit = "H", min = 0);

  connector Pin "electrical pin"
    Voltage v;
    flow Current i;
  end Pin;

  connector Flange_a "translational flange"
    Real s(unit = "m");
    flow Real f(unit = "N");
  end Flange_a;

  connector Flange_b = Flange_a;

  model DCMotorDrive "armature-controlled DC motor driving an inertia through a gear"
    parameter Resistance R = 0.5 "armature resistance";
    parameter Inductance L = 0.0015 "armature inductance";
    parameter Real k(unit = "N.m/A") = 0.05 "motor constant";
    parameter Real J(unit = "kg.m2") = 2.5e-4 "rotor + load inertia";
    parameter Real b(unit = "N.m.s/rad") = 1e-4 "viscous friction";
    parameter Real ratio = 10 "gear ratio";
    parameter Voltage U0 = 24 "supply";
    Pin p, n;
    Current i(start = 0, fixed = true);
    Real w(unit = "rad/s", start = 0, fixed = true) "motor speed";
    Real w_load(unit = "rad/s") = w / ratio "load speed";
    Voltage u;
  equation
    u = if time < 0.1 then 0 else U0;
    p.v - n.v = u;
    p.i + n.i = 0;
    p.i = i;
    L * der(i) = u - R * i - k * w;
    J * der(w) = k * i - b * w;
    annotation(experiment(StopTime = 1, Interval = 1e-3),
      Documentation(info = "<html><p>DC motor: L di/dt = u - R i - k w, J dw/dt = k i - b w.</p></html>"));
  end DCMotorDrive;

  model Mass "sliding mass"
    parameter Real m(unit = "kg") = 1;
    Flange_a flange_a;
    Flange_b flange_b;
    Real s(unit = "m"), v(unit = "m/s");
  equation
    s = flange_a.s;
    s = flange_b.s;
    v = der(s);
    m * der(v) = flange_a.f + flange_b.f;
  end Mass;

  model SpringDamper "linear spring and damper in parallel"
    parameter Real c(unit = "N/m") = 1e4 "stiffness";
    parameter Real d(unit = "N.s/m") = 10 "damping";
    Flange_a flange_a;
    Flange_b flange_b;
    Real s_rel(unit = "m");
  equation
    s_rel = flange_b.s - flange_a.s;
    flange_b.f = c * s_rel + d * der(s_rel);
    flange_a.f = -flange_b.f;
  end SpringDamper;

  model Fixed "fixed point"
    Flange_b flange;
  equation
    flange.s = 0;
  end Fixed;

  model MassSpringDamperChain "N masses coupled by spring-dampers to a fixed wall"
    parameter Integer N = 4 "number of masses";
    Fixed wall;
    Mass mass[N](each m = 1.5);
    SpringDamper sd[N](each c = 2e4, each d = 15);
  initial equation
    for i in 1:N loop
      mass[i].s = if i == N then 0.01 else 0;
      mass[i].v = 0;
    end for;
  equation
    connect(wall.flange, sd[1].flange_a);
    for i in 1:N loop
      connect(sd[i].flange_b, mass[i].flange_a);
    end for;
    for i in 1:N - 1 loop
      connect(mass[i].flange_b, sd[i + 1].flange_a);
    end for;
    mass[N].flange_b.f = 0;
    annotation(experiment(StopTime = 5, Interval = 1e-3));
  end MassSpringDamperChain;
  annotation(Documentation(info = "<html>DC motor drive and mass-spring-damper chain.</html>"));
end Systems;

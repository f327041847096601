within RotorRig;
package Components "Component library of the rotor rig"
  extends Modelica.Icons.Package;

  connector Flange "rotational flange (angle, cut torque)"
    SI.Angle phi "absolute rotation angle";
    flow SI.Torque tau "cut torque";
    annotation(Icon(graphics = {Ellipse(extent = {{-100, 100}, {100, -100}}, fillColor = {95, 95, 95}, fillPattern = FillPattern.Solid)}));
  end Flange;

  connector Mount "lateral mount point (displacement, cut force)"
    SI.Length x "lateral displacement";
    flow SI.Force f "cut force";
  end Mount;

  connector RealOutput = output Real "signal output";

  partial model TwoFlanges "a rotational element between two flanges"
    Flange a "left flange" annotation(Placement(transformation(extent = {{-110, -10}, {-90, 10}})));
    Flange b "right flange" annotation(Placement(transformation(extent = {{90, -10}, {110, 10}})));
  end TwoFlanges;
end Components;

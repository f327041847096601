// Rotor modal exports: modal, campbell, reduce, selfcheckRotor (assembly/ABI.md, "Rotor").

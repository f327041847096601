// Rotor model exports: load, matrices, static, unbalance, time (assembly/ABI.md, "Rotor").

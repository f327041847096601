// Linear-algebra exports (assembly/ABI.md, "Linear algebra").

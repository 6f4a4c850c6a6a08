// HedgeSimRandom: reproducible random numbers for the HedgeSim Monte Carlo simulator.
//
// Layers (numpy's BitGenerator / Generator split on Random123's counter-based model):
//   1. `Philox4x32.block(counter:key:)`: Philox4x32-10 bijection (Salmon et al., SC11).
//   2. `CounterRandomSource`: the address layout below; uniform pairs and normal pairs, one at a
//      time or in bulk.
//   3. `UniformConversion`: 52 random bits → (k + ½)·2⁻⁵², or one word → (w + ½)·2⁻³², strictly
//      inside (0, 1).
//   4. `NormalTransform`: Box–Muller (Box & Muller 1958), 2 uniforms → 2 normals.
//   5. `VectorMath`: bulk exp/log (HedgeSim's own polynomials, AVX-512, AVX2 or baseline builds).
//
// Address layout (a breaking change if altered):
//   key     = (seed low 32 bits, seed high 32 bits)
//   counter = (index, step, path, purpose)     // Philox counter words 0, 1, 2, 3
//   draw    = Philox4x32-10(counter, key) → uniforms from words (0,1) and (2,3), or a normal
//             pair from words (0,1) and 2 with a spare uniform from word 3
// Every draw is a pure function of (seed, purpose, path, step, index). `purpose` separates uses
// of randomness (asset shocks, hedge noise, …), so a new use never shifts existing streams.
//
// Compatibility policy:
//   - Same seed + same library version ⇒ bit-identical uniforms, normals and exp/log on any
//     machine, for any thread count or chunking: every kernel level (see `VectorMath.level`) runs
//     the same correctly rounded operations in the same order.
//   - Changing the address layout, the uniform conversion or the normal transform is a breaking
//     change: it needs a changelog line and updated golden values.

// Short Weierstrass curve parameters. Production signing only uses the SM2
// recommended curve (GB/T 32918.5); the parameter object exists so that Z_A can
// also be computed for the Fp-256 test curve of GB/T 32918.2 Annex A.
export interface CurveParameters {
  readonly name: string;
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly gx: bigint;
  readonly gy: bigint;
  readonly n: bigint;
  /** Field element size in bytes. */
  readonly size: number;
}

export const SM2_CURVE: CurveParameters = {
  name: 'SM2 (GB/T 32918.5 recommended curve)',
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  size: 32,
};

/** GM/T 0009 / GB/T 35276 default distinguishing identifier. */
export const SM2_DEFAULT_ID = '1234567812345678';

// Each fixture starts its own s3rver and the machine has 2 cores: run fixtures one at a time.
[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.None)]

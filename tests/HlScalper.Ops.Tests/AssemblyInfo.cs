// Thread-heavy tests share 2 cores: run fixtures one at a time so timing-insensitive tests stay fast.
[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.None)]

global using NUnit.Framework;
global using HlScalper.Testing;

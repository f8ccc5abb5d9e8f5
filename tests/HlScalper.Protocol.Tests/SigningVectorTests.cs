using HlScalper.Protocol.Signing;
using HlScalper.Protocol.Signing.Vectors;

namespace HlScalper.Protocol.Tests;

/// <summary>Every case of the three SDK vector files, byte for byte, through the production encoder, with each signer.</summary>
public class SigningVectorTests
{
    private static readonly string[] Files = ["signing-python-sdk.json", "signing-rust-sdk.json", "signing-ts-sdk.json"];

    private static IEnumerable<TestCaseData> Cases()
    {
        if (!SharedData.IsAvailable)
        {
            yield return new TestCaseData("signing-ts-sdk.json").SetName("vectors absent");
            yield break;
        }
        foreach (var file in Files) yield return new TestCaseData(file).SetName($"Vectors {file}");
    }

    [TestCaseSource(nameof(Cases))]
    public void Every_case_reproduces_with_libsecp256k1(string file)
    {
        if (!NativeSigner.IsAvailable) Assert.Ignore("libsecp256k1 is not installed here (apt-get install libsecp256k1-1)");
        AssertAllPass(file, key => new NativeSigner(key));
    }

    [TestCaseSource(nameof(Cases))]
    public void Every_case_reproduces_with_Nethereum(string file) => AssertAllPass(file, key => new NethereumSigner(key));

    [Test]
    public void The_files_hold_the_documented_number_of_checks()
    {
        // 150 TS cases; Python: 1 connectionId-only + 9 L1 × 2 networks + 2 user-signed; Rust: 1 raw connectionId × 2 + 5 L1 × 2 + 2 user-signed.
        Assert.That(SigningVectorFile.Load(SharedData.PathOf("vectors/signing-ts-sdk.json")), Has.Count.EqualTo(150));
        Assert.That(SigningVectorFile.Load(SharedData.PathOf("vectors/signing-python-sdk.json")), Has.Count.EqualTo(21));
        Assert.That(SigningVectorFile.Load(SharedData.PathOf("vectors/signing-rust-sdk.json")), Has.Count.EqualTo(14));
    }

    [Test]
    public void A_changed_input_is_reported_at_the_first_step_it_breaks()
    {
        var vector = SigningVectorFile.Load(SharedData.PathOf("vectors/signing-ts-sdk.json"))[0];
        var verifier = new SigningVectorVerifier(key => new NethereumSigner(key));

        var otherNonce = verifier.Verify(vector with { Nonce = vector.Nonce + 1 });
        var otherNetwork = verifier.Verify(vector with { IsMainnet = !vector.IsMainnet });

        Assert.That(otherNonce.Field, Is.EqualTo(SigningVectorFile.Preimage), "msgpack is unchanged, the preimage carries the nonce");
        Assert.That(otherNetwork.Field, Is.EqualTo(SigningVectorFile.AgentStructHash), "the network only enters at the phantom agent");
    }

    private static void AssertAllPass(string file, Func<byte[], IDigestSigner> signer)
    {
        var vectors = SigningVectorFile.Load(SharedData.PathOf($"vectors/{file}"));
        var verifier = new SigningVectorVerifier(signer);
        var failures = vectors.Select(verifier.Verify).Where(r => !r.Passed).Select(r => $"{r.Name}: {r.Field} expected {r.Expected} got {r.Actual}").ToList();
        Assert.That(failures, Is.Empty, $"{failures.Count} of {vectors.Count} failed");
    }
}

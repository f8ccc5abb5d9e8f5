using System.CommandLine;
using HlScalper.Cli.Options;
using HlScalper.Protocol.Keys;
using HlScalper.Protocol.Signing;
using HlScalper.Protocol.Signing.Vectors;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper sign verify FILE...</c> reproduces signing vector files through the production encoder and signer; <c>hlscalper sign key</c> shows the configured key's addresses.</summary>
public sealed class SignCommand : Verb
{
    public SignCommand() : base("sign", "check the signer against SDK signing vectors, or show the configured key's addresses", "Check the signer against SDK signing vectors (sign verify FILE...), or show the configured key's addresses (sign key).")
    {
        Subcommands.Add(Verify());
        Subcommands.Add(Key());
    }

    public override int Order => 80;

    protected override Task<int> RunAsync(VerbRun run, CancellationToken cancel) => throw new UsageException("expected 'sign verify FILE...' or 'sign key'");

    private static Command Verify()
    {
        var files = new Argument<string[]>("FILE") { Description = "vector files in the format of ../shared/vectors/ (Python, Rust and TS SDK layouts)", Arity = ArgumentArity.OneOrMore };
        var signer = Opt.Choice("--signer", "auto: libsecp256k1 when installed, Nethereum otherwise; native: libsecp256k1 only; managed: Nethereum only", "auto", "auto", "native", "managed");
        var command = new Command("verify",
            "Parse each case's action into the typed actions and recompute msgpack, connectionId preimage, connectionId, phantom-agent struct hash, " +
            "EIP-712 digest, signature and /exchange request body with the production encoder and signer. Prints the first differing field of each " +
            "failing case, then \"N passed, N failed\"; exit 1 when a case failed or a file could not be read. The files' keys are throwaway test keys.")
        {
            files, signer,
        };
        command.SetAction(parse =>
        {
            var run = new VerbRun(parse);
            var choice = run.Get(signer);
            Func<byte[], IDigestSigner> createSigner = choice switch
            {
                "native" when NativeSigner.IsAvailable => key => new NativeSigner(key),
                "native" => throw new UsageException("--signer native: libsecp256k1 is not installed (apt-get install libsecp256k1-1)"),
                "managed" => key => new NethereumSigner(key),
                _ => key => Signers.Create(key),
            };
            run.Out.WriteLine(choice == "managed" ? "signer: Nethereum (managed, as asked)" : Signers.Describe());
            var verifier = new SigningVectorVerifier(createSigner);
            int passed = 0, failed = 0;
            foreach (var file in run.Get(files))
            {
                List<SigningVector> vectors;
                try
                {
                    vectors = SigningVectorFile.Load(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    run.Err.WriteLine($"{file}: cannot read vectors: {e.Message}");
                    failed++;
                    continue;
                }
                var filePassed = 0;
                foreach (var result in vectors.Select(verifier.Verify))
                {
                    if (result.Passed) filePassed++;
                    else run.Out.WriteLine($"FAIL {Path.GetFileName(file)} {result.Name}: {result.Field} differs\n  expected {result.Expected}\n  actual   {result.Actual}");
                }
                run.Out.WriteLine($"{file}: {filePassed}/{vectors.Count}");
                passed += filePassed;
                failed += vectors.Count - filePassed;
            }
            run.Out.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Key()
    {
        var env = Opt.Text("--env", "the .env file read after the environment", ".env");
        var command = new Command("key",
            "Load HL_PK (agent or main private key), HL_ACCOUNT and HL_VAULT from the environment, then from the .env file, and print the signer in use, " +
            "the signing address, the account and the vault. The key itself is never printed. Exit 1 when a setting is missing or malformed.")
        {
            env,
        };
        command.SetAction(parse =>
        {
            var run = new VerbRun(parse);
            run.Out.WriteLine(Signers.Describe());
            try
            {
                using var keys = TradingKeys.Load(run.Get(env));
                run.Out.WriteLine($"signing address {keys.SignerAddress}");
                run.Out.WriteLine($"account         {keys.Account}");
                run.Out.WriteLine($"vault           {(keys.Vault is { } vault ? vault.ToString() : "(none)")}");
                return 0;
            }
            catch (KeyFormatException e)
            {
                run.Err.WriteLine($"hlscalper sign key: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

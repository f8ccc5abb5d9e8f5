using HlScalper.Protocol.Keys;
using HlScalper.Protocol.Signing;
using HlScalper.Protocol.Signing.Vectors;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper sign verify FILE...</c>: reproduces signing vector files through the production encoder and signer.</summary>
public sealed class SignCommand : ICommand
{
    public string Name => "sign";

    public string Summary => "check the signer against SDK signing vectors (sign verify FILE...), or show the configured key's addresses (sign key)";

    public string Help => """
        hlscalper sign verify FILE... [--signer auto|native|managed]
        hlscalper sign key [--env FILE]

        Reads vector files in the format of ../shared/vectors/ (Python, Rust and TS SDK layouts), parses each
        case's action into the typed actions, and recomputes msgpack, connectionId preimage, connectionId,
        phantom-agent struct hash, EIP-712 digest, signature and /exchange request body with the production
        encoder and signer. Prints the first differing field of each failing case, then "N passed, N failed".

          --signer auto      libsecp256k1 when installed, Nethereum otherwise (default)
          --signer native    libsecp256k1 only (fails when it is not installed)
          --signer managed   Nethereum only

        Exit codes: 0 all passed, 1 a case failed or a file could not be read, 2 usage error.
        The files' keys are throwaway test keys; no key of yours is read.

        sign key loads HL_PK (agent or main private key), HL_ACCOUNT and HL_VAULT from the environment,
        then from the .env file (--env FILE, default .env), and prints the signer in use, the signing
        address, the account and the vault. The key itself is never printed. Exit 1 when a setting is
        missing or malformed.
        """;

    public Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var sub = args.Positionals.Count > 0 ? args.Positionals[0] : null;
        if (sub == "key") return Task.FromResult(ShowKey(args));
        var signerChoice = args.String("signer", "auto");
        args.RejectUnknown();
        if (sub != "verify")
            throw new UsageException("expected 'sign verify FILE...' or 'sign key'");
        var files = args.Positionals.Skip(1).ToList();
        if (files.Count == 0) throw new UsageException("sign verify needs at least one vectors FILE");
        Func<byte[], IDigestSigner> createSigner = signerChoice switch
        {
            "auto" => key => Signers.Create(key),
            "native" when NativeSigner.IsAvailable => key => new NativeSigner(key),
            "native" => throw new UsageException("--signer native: libsecp256k1 is not installed (apt-get install libsecp256k1-1)"),
            "managed" => key => new NethereumSigner(key),
            _ => throw new UsageException($"--signer must be auto, native or managed, not '{signerChoice}'"),
        };
        Console.WriteLine(signerChoice == "managed" ? "signer: Nethereum (managed, as asked)" : Signers.Describe());

        var verifier = new SigningVectorVerifier(createSigner);
        int passed = 0, failed = 0;
        foreach (var file in files)
        {
            cancel.ThrowIfCancellationRequested();
            List<SigningVector> vectors;
            try
            {
                vectors = SigningVectorFile.Load(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                Console.Error.WriteLine($"{file}: cannot read vectors: {e.Message}");
                failed++;
                continue;
            }
            var filePassed = 0;
            foreach (var vector in vectors)
            {
                var result = verifier.Verify(vector);
                if (result.Passed)
                {
                    filePassed++;
                    continue;
                }
                Console.WriteLine($"FAIL {Path.GetFileName(file)} {result.Name}: {result.Field} differs\n  expected {result.Expected}\n  actual   {result.Actual}");
            }
            Console.WriteLine($"{file}: {filePassed}/{vectors.Count}");
            passed += filePassed;
            failed += vectors.Count - filePassed;
        }
        Console.WriteLine($"{passed} passed, {failed} failed");
        return Task.FromResult(failed == 0 ? 0 : 1);
    }

    private static int ShowKey(CommandArgs args)
    {
        var envFile = args.String("env", ".env");
        args.RejectUnknown();
        if (args.Positionals.Count > 1) throw new UsageException("sign key takes no files (use --env FILE)");
        Console.WriteLine(Signers.Describe());
        try
        {
            using var keys = TradingKeys.Load(envFile);
            Console.WriteLine($"signing address {keys.SignerAddress}");
            Console.WriteLine($"account         {keys.Account}");
            Console.WriteLine($"vault           {(keys.Vault is { } vault ? vault.ToString() : "(none)")}");
            return 0;
        }
        catch (KeyFormatException e)
        {
            Console.Error.WriteLine($"hlscalper sign key: {e.Message}");
            return 1;
        }
    }
}

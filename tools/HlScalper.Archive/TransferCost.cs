namespace HlScalper.Archive;

/// <summary>What a requester-pays download costs the requester: transfer out of S3 plus the requests.</summary>
public static class TransferCost
{
    /// <summary>USD per GB (2^30 bytes, as AWS bills) transferred out of S3 to the internet.</summary>
    public const decimal DefaultPricePerGb = 0.09m;

    /// <summary>USD per 1,000 GET or HEAD requests (S3 Standard).</summary>
    public const decimal PricePer1000Requests = 0.0004m;

    /// <summary>Where the two prices come from; a run names it beside every estimate.</summary>
    public const string Source =
        "AWS S3 list prices as published in 2025 (aws.amazon.com/s3/pricing): data transfer out to the internet $0.09/GB for the first "
        + "10 TB a month in US East, more in some regions; GET/HEAD $0.0004 per 1,000. Transfer to EC2 in the bucket's region is free, and "
        + "the first 100 GB a month out of an AWS account is free. Not re-checked at run time: pass --price-per-gb for your rate.";

    /// <summary>"$1.23", or the first significant digits of a sum under a cent ("$0.000026").</summary>
    public static string Format(decimal usd) =>
        "$" + usd.ToString(usd is > 0 and < 0.01m ? "0.##########" : "0.00", System.Globalization.CultureInfo.InvariantCulture);

    public static decimal Estimate(long bytes, long requests, decimal pricePerGb) =>
        bytes / (decimal)(1L << 30) * pricePerGb + requests / 1000m * PricePer1000Requests;
}

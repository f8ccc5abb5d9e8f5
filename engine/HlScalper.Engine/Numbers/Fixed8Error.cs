namespace HlScalper.Engine.Numbers;

/// <summary>Why a decimal string is not a valid 8-decimal fixed-point number.</summary>
public enum Fixed8Error : byte
{
    None,
    Empty,
    NoDigits,
    InvalidCharacter,
    TooManyDecimals,
    MultipleDots,
    Overflow,
}

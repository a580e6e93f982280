using System;
using System.Globalization;

namespace CfitsioNet;

/// <summary>Why a keyword could not be read as the requested type.</summary>
internal enum HeaderReadResult
{
    Ok,
    NotFound,
    NoValue,
    Undefined,
    WrongType,
    BadFormat,
    Overflow,
}

/// <summary>The FITS syntax of a value field, as written.</summary>
internal enum ValueSyntax
{
    Undefined,
    String,
    Logical,
    Integer,
    Real,
    Complex,
    Invalid,
}

/// <summary>
/// Converts a value field to .NET types. The lexical rules are CFITSIO's (<c>ffdtyp</c>, <c>ffc2dd</c>, <c>ffc2jj</c>):
/// a <c>D</c> exponent is read as <c>E</c>. The type rules are stricter than CFITSIO's implicit conversions: an
/// integer type accepts only an integer value, a floating type an integer or real value, <c>bool</c> only T or F.
/// </summary>
internal static class HeaderValue
{
    internal static bool IsSupported<T>() =>
        typeof(T) == typeof(string) || typeof(T) == typeof(bool) || typeof(T) == typeof(double) || typeof(T) == typeof(float)
        || IsInteger<T>();

    internal static ValueSyntax Classify(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ValueSyntax.Undefined;
        }

        return text[0] switch
        {
            '\'' => ValueSyntax.String,
            '(' => IsComplex(text) ? ValueSyntax.Complex : ValueSyntax.Invalid,
            _ when text is "T" or "F" => ValueSyntax.Logical,
            _ => ClassifyNumber(text.AsSpan()),
        };
    }

    /// <summary>Converts a non-string value field to <typeparamref name="T"/> (never <c>string</c>).</summary>
    internal static HeaderReadResult Convert<T>(string text, out T value)
    {
        value = default!;
        ValueSyntax syntax = Classify(text);
        if (syntax == ValueSyntax.Undefined)
        {
            return HeaderReadResult.Undefined;
        }

        if (typeof(T) == typeof(bool))
        {
            if (syntax != ValueSyntax.Logical)
            {
                return syntax == ValueSyntax.Invalid ? HeaderReadResult.BadFormat : HeaderReadResult.WrongType;
            }

            value = (T)(object)(text == "T");
            return HeaderReadResult.Ok;
        }

        if (syntax is not (ValueSyntax.Integer or ValueSyntax.Real))
        {
            return syntax == ValueSyntax.Invalid ? HeaderReadResult.BadFormat : HeaderReadResult.WrongType;
        }

        if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        {
            // C's strtod does not know the FITS 'D' exponent; CFITSIO replaces it with 'E' before parsing.
            string number = text.Replace('D', 'E');
            if (typeof(T) == typeof(double))
            {
                double d = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (double.IsInfinity(d))
                {
                    return HeaderReadResult.Overflow;
                }

                value = (T)(object)d;
            }
            else
            {
                float f = float.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (float.IsInfinity(f))
                {
                    return HeaderReadResult.Overflow;
                }

                value = (T)(object)f;
            }

            return HeaderReadResult.Ok;
        }

        if (syntax != ValueSyntax.Integer)
        {
            return HeaderReadResult.WrongType;
        }

        return TryParseInteger(text, out Int128 integer) && TryNarrow(integer, out value)
            ? HeaderReadResult.Ok
            : HeaderReadResult.Overflow;
    }

    internal static string Describe(ValueSyntax syntax) => syntax switch
    {
        ValueSyntax.String => "a string",
        ValueSyntax.Logical => "a logical",
        ValueSyntax.Integer => "an integer",
        ValueSyntax.Real => "a real number",
        ValueSyntax.Complex => "a complex number",
        ValueSyntax.Undefined => "an undefined value",
        _ => "a malformed value",
    };

    private static bool IsInteger<T>() =>
        typeof(T) == typeof(sbyte) || typeof(T) == typeof(byte) || typeof(T) == typeof(short) || typeof(T) == typeof(ushort)
        || typeof(T) == typeof(int) || typeof(T) == typeof(uint) || typeof(T) == typeof(long) || typeof(T) == typeof(ulong);

    // [+-] digits [. digits] [E|D|e [+-] digits], at least one digit in the mantissa. A value with a point or an
    // exponent is real (ffdtyp), anything else is an integer.
    private static ValueSyntax ClassifyNumber(ReadOnlySpan<char> text)
    {
        int i = 0;
        if (text[0] is '+' or '-')
        {
            i++;
        }

        int digits = CountDigits(text, ref i);
        bool point = false, exponent = false;
        if (i < text.Length && text[i] == '.')
        {
            point = true;
            i++;
            digits += CountDigits(text, ref i);
        }

        if (digits == 0)
        {
            return ValueSyntax.Invalid;
        }

        if (i < text.Length && text[i] is 'E' or 'D' or 'e')
        {
            exponent = true;
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return ValueSyntax.Invalid;
            }
        }

        if (i != text.Length)
        {
            return ValueSyntax.Invalid;
        }

        return point || exponent ? ValueSyntax.Real : ValueSyntax.Integer;
    }

    private static int CountDigits(ReadOnlySpan<char> text, ref int i)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }

    private static bool IsComplex(string text)
    {
        if (text.Length < 5 || text[^1] != ')')
        {
            return false;
        }

        string[] parts = text[1..^1].Split(',');
        return parts.Length == 2
            && ClassifyNumber(parts[0].AsSpan().Trim(' ')) is ValueSyntax.Integer or ValueSyntax.Real
            && ClassifyNumber(parts[1].AsSpan().Trim(' ')) is ValueSyntax.Integer or ValueSyntax.Real;
    }

    private static bool TryParseInteger(string text, out Int128 value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            i++;
        }

        Int128 magnitude = 0;
        for (; i < text.Length; i++)
        {
            int digit = text[i] - '0';
            if (magnitude > (Int128.MaxValue - digit) / 10)
            {
                return false;
            }

            magnitude = (magnitude * 10) + digit;
        }

        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TryNarrow<T>(Int128 integer, out T value)
    {
        value = default!;
        if (typeof(T) == typeof(long))
        {
            return Fits(integer, long.MinValue, long.MaxValue) && Set((long)integer, out value);
        }

        if (typeof(T) == typeof(int))
        {
            return Fits(integer, int.MinValue, int.MaxValue) && Set((int)integer, out value);
        }

        if (typeof(T) == typeof(short))
        {
            return Fits(integer, short.MinValue, short.MaxValue) && Set((short)integer, out value);
        }

        if (typeof(T) == typeof(sbyte))
        {
            return Fits(integer, sbyte.MinValue, sbyte.MaxValue) && Set((sbyte)integer, out value);
        }

        if (typeof(T) == typeof(ulong))
        {
            return Fits(integer, ulong.MinValue, ulong.MaxValue) && Set((ulong)integer, out value);
        }

        if (typeof(T) == typeof(uint))
        {
            return Fits(integer, uint.MinValue, uint.MaxValue) && Set((uint)integer, out value);
        }

        if (typeof(T) == typeof(ushort))
        {
            return Fits(integer, ushort.MinValue, ushort.MaxValue) && Set((ushort)integer, out value);
        }

        if (typeof(T) == typeof(byte))
        {
            return Fits(integer, byte.MinValue, byte.MaxValue) && Set((byte)integer, out value);
        }

        throw new NotSupportedException($"{typeof(T).Name} is not an integer type.");
    }

    private static bool Fits(Int128 value, Int128 minimum, Int128 maximum) => value >= minimum && value <= maximum;

    private static bool Set<TSource, T>(TSource source, out T value)
    {
        value = (T)(object)source!;
        return true;
    }
}

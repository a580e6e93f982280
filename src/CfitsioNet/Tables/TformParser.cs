using System;
using System.Diagnostics.CodeAnalysis;

namespace CfitsioNet.Tables;

/// <summary>
/// Parses TFORMn values of binary and ASCII tables. The grammar is the FITS standard's (4.0, 7.2.5 and 7.3.1-7.3.5)
/// plus CFITSIO's <c>rAw</c>; letters may be lowercase and the value may have surrounding spaces, as CFITSIO allows.
/// </summary>
/// <remarks>
/// Stricter than CFITSIO's <c>ffbnfm</c>/<c>ffasfm</c>, which ignore text after the type letter (<c>"JUNK"</c> reads as
/// <c>J</c>), accept CFITSIO-internal letters (U, V, W, S) and any repeat in front of P and Q. A TFORM refused here may
/// still open in CFITSIO: such a table is read by CFITSIO only (docs/tables.md). A TFORM accepted here gives the
/// repeat, type and width CFITSIO gives, which the table's direct path relies on.
/// </remarks>
internal static class TformParser
{
    /// <summary>A repeat or width with more digits is refused (18 digits always fit in a <see cref="long"/>).</summary>
    private const int MaxDigits = 18;

    /// <summary>Parses a binary-table TFORM; the message says what is wrong when it cannot.</summary>
    internal static bool TryParseBinary(ReadOnlySpan<char> text, out BinaryColumnFormat format, [NotNullWhen(false)] out string? error)
    {
        format = default;
        ReadOnlySpan<char> form = text.Trim(' ');
        if (form.IsEmpty)
        {
            error = "is blank";
            return false;
        }

        if (form[0] is '-' or '+')
        {
            error = form[0] == '-' ? "has a negative repeat count" : "has a sign before the repeat count";
            return false;
        }

        int at = 0;
        if (!TryDigits(form, ref at, out long repeat, out bool hasRepeat, out error))
        {
            return false;
        }

        if (at == form.Length)
        {
            error = "has a repeat count but no data type letter";
            return false;
        }

        VariableLength descriptor = char.ToUpperInvariant(form[at]) switch
        {
            'P' => VariableLength.P,
            'Q' => VariableLength.Q,
            _ => VariableLength.None,
        };
        if (descriptor != VariableLength.None)
        {
            at++;
            if (hasRepeat && repeat > 1)
            {
                error = $"has a repeat count of {repeat} before {(char)(descriptor == VariableLength.P ? 'P' : 'Q')}: the standard allows 0 or 1";
                return false;
            }

            if (at == form.Length)
            {
                error = "names no element type after the array descriptor letter";
                return false;
            }
        }

        if (!TryType(form[at], out BinaryElementType type))
        {
            error = $"has the unknown data type letter '{form[at]}'";
            return false;
        }

        at++;
        if (!hasRepeat)
        {
            repeat = 1;
        }

        long? maxLength = null;
        int? substringWidth = null;
        if (descriptor != VariableLength.None)
        {
            if (at < form.Length)
            {
                if (form[at] != '(' || form[^1] != ')')
                {
                    error = "has text after the array's element type other than a maximum length in parentheses";
                    return false;
                }

                ReadOnlySpan<char> inside = form[(at + 1)..^1].Trim(' ');
                int position = 0;
                if (inside.IsEmpty)
                {
                    // "PJ()": astropy writes it; CFITSIO reads it as no maximum.
                }
                else if (!TryDigits(inside, ref position, out long max, out _, out error) || position != inside.Length)
                {
                    error ??= "has a maximum array length that is not a whole number";
                    return false;
                }
                else
                {
                    maxLength = max;
                }
            }
        }
        else if (type == BinaryElementType.Character && at < form.Length)
        {
            // rAw: substrings of w characters (CFITSIO's convention; TDIM is the standard's way).
            if (!TryDigits(form, ref at, out long width, out bool hasWidth, out error) || !hasWidth || at != form.Length)
            {
                error ??= "has text after 'A' other than a substring width";
                return false;
            }

            if (width < 1)
            {
                error = "has a substring width of 0";
                return false;
            }

            substringWidth = (int)Math.Min(Math.Min(width, repeat), int.MaxValue);
        }
        else if (at < form.Length)
        {
            error = $"has text after the data type letter: '{form[at..].ToString()}'";
            return false;
        }

        // Every field width must fit in a long: 16 bytes per element at most.
        if (repeat > long.MaxValue / 16)
        {
            error = $"has a repeat count of {repeat}, too large for any row";
            return false;
        }

        format = new BinaryColumnFormat(type, repeat, descriptor, maxLength, substringWidth);
        error = null;
        return true;
    }

    /// <summary>Parses an ASCII-table TFORM (<c>Aw</c>, <c>Iw</c>, <c>Fw.d</c>, <c>Ew.d</c>, <c>Dw.d</c>).</summary>
    internal static bool TryParseAscii(ReadOnlySpan<char> text, out AsciiColumnFormat format, [NotNullWhen(false)] out string? error)
    {
        format = default;
        ReadOnlySpan<char> form = text.Trim(' ');
        if (form.IsEmpty)
        {
            error = "is blank";
            return false;
        }

        AsciiElementType type;
        switch (char.ToUpperInvariant(form[0]))
        {
            case 'A': type = AsciiElementType.Character; break;
            case 'I': type = AsciiElementType.Integer; break;
            case 'F': type = AsciiElementType.Fixed; break;
            case 'E': type = AsciiElementType.Exponential; break;
            case 'D': type = AsciiElementType.DoubleExponential; break;
            default:
                error = $"has the unknown ASCII-table format letter '{form[0]}'";
                return false;
        }

        int at = 1;
        if (!TryDigits(form, ref at, out long width, out bool hasWidth, out error) || !hasWidth)
        {
            error ??= "has no field width after the format letter";
            return false;
        }

        if (width < 1 || width > int.MaxValue)
        {
            error = $"has a field width of {width}";
            return false;
        }

        long decimals = 0;
        if (type is AsciiElementType.Fixed or AsciiElementType.Exponential or AsciiElementType.DoubleExponential)
        {
            if (at == form.Length || form[at] != '.')
            {
                error = "has no '.d' (number of decimals) after the width";
                return false;
            }

            at++;
            if (!TryDigits(form, ref at, out decimals, out bool hasDecimals, out error) || !hasDecimals)
            {
                error ??= "has no number of decimals after '.'";
                return false;
            }

            if (decimals >= width)
            {
                error = $"has {decimals} decimals in a field of width {width}";
                return false;
            }
        }

        if (at != form.Length)
        {
            error = $"has unexpected text '{form[at..].ToString()}'";
            return false;
        }

        format = new AsciiColumnFormat(type, (int)width, (int)decimals);
        error = null;
        return true;
    }

    private static bool TryType(char letter, out BinaryElementType type)
    {
        type = char.ToUpperInvariant(letter) switch
        {
            'L' => BinaryElementType.Logical,
            'X' => BinaryElementType.Bit,
            'B' => BinaryElementType.Byte,
            'I' => BinaryElementType.Int16,
            'J' => BinaryElementType.Int32,
            'K' => BinaryElementType.Int64,
            'E' => BinaryElementType.Single,
            'D' => BinaryElementType.Double,
            'C' => BinaryElementType.ComplexSingle,
            'M' => BinaryElementType.ComplexDouble,
            'A' => BinaryElementType.Character,
            _ => 0,
        };
        return type != 0;
    }

    // Reads the decimal digits at text[at..]: none is fine (has = false); too many is an error.
    private static bool TryDigits(ReadOnlySpan<char> text, ref int at, out long value, out bool has, [NotNullWhen(false)] out string? error)
    {
        int start = at;
        value = 0;
        while (at < text.Length && text[at] is >= '0' and <= '9')
        {
            if (at - start == MaxDigits)
            {
                error = $"has a number with more than {MaxDigits} digits";
                has = true;
                return false;
            }

            value = (value * 10) + (text[at] - '0');
            at++;
        }

        has = at > start;
        error = null;
        return true;
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// The header of one HDU: every keyword record in order, typed access to keyword values, and (on files opened for
/// writing) methods that change keywords. Obtained from <see cref="Hdu.Header"/>; read once, then served from memory.
/// </summary>
/// <remarks>
/// <para>
/// Keywords are looked up as CFITSIO looks them up: case-insensitively, ignoring leading and trailing blanks, and
/// HIERARCH keywords by their name with or without the prefix (<c>"ESO DET DIT"</c> or <c>"HIERARCH ESO DET DIT"</c>).
/// When a keyword occurs more than once, lookups read its first occurrence (as astropy does); <see cref="Cards"/>
/// shows them all. Wildcards are not supported.
/// </para>
/// <para>
/// Values are parsed with CFITSIO's rules (a <c>D</c> exponent as in <c>1.5D3</c>, strings without their quotes and
/// trailing blanks, long strings joined across CONTINUE cards), but converted strictly: an integer type accepts only
/// an integer value, <c>float</c>/<c>double</c> an integer or real value, <c>bool</c> only T or F. CFITSIO itself would
/// truncate 2.7 to 2 or read T as 1; here those are errors, so a wrong type never yields a silently wrong value.
/// </para>
/// <para>
/// <see cref="Get{T}"/> throws <see cref="KeyNotFoundException"/> when the keyword is absent;
/// <see cref="InvalidCastException"/> when its value has another type (a string read as <c>double</c>, a real number
/// read as <c>int</c>), is undefined, or the card has no value (COMMENT, HISTORY); <see cref="FormatException"/> when the
/// value is not valid FITS syntax; <see cref="OverflowException"/> when it does not fit in the requested type.
/// <see cref="TryGet{T}"/> returns false in all those cases.
/// </para>
/// <para>
/// For a tile-compressed image, <see cref="Hdu.Header"/> is the image's header (BITPIX, NAXISn and the image's own
/// keywords, as CFITSIO's image routines and astropy present it), made from the binary table that stores it; the
/// table's header as stored (ZIMAGE, ZBITPIX, TFORM1, ...) is <see cref="ImageHdu.StoredHeader"/>. Writes through either
/// go to the stored header (CFITSIO maps the image's keywords there), and both are read again after a write.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// double exposure = image.Header.Get&lt;double&gt;("EXPTIME");
/// string? target = image.Header.GetStringOrNull("OBJECT");
/// if (image.Header.TryGet("ESO DET DIT", out double dit)) { ... }
/// </code>
/// </example>
public sealed partial class Header
{
    private readonly bool _imageView;
    private volatile HeaderState? _state;

    internal Header(Hdu hdu, HeaderState state, bool imageView = false)
    {
        Hdu = hdu;
        _state = state;
        _imageView = imageView;
    }

    /// <summary>The HDU this header belongs to.</summary>
    public Hdu Hdu { get; }

    /// <summary>Every keyword record in file order, END excluded (as are blank records just before END, which CFITSIO treats as free space).</summary>
    public IReadOnlyList<HeaderCard> Cards => State.Cards;

    /// <summary>Number of keyword records (the length of <see cref="Cards"/>).</summary>
    public int Count => State.Cards.Count;

    /// <summary>The text of every COMMENT card, in order (columns 9-80, trailing blanks removed).</summary>
    public IReadOnlyList<string> Comments => State.Comments;

    /// <summary>The text of every HISTORY card, in order (columns 9-80, trailing blanks removed).</summary>
    public IReadOnlyList<string> History => State.History;

    /// <summary>The current snapshot; re-read under the file's lock after a failed write left it unknown.</summary>
    private HeaderState State
    {
        get
        {
            HeaderState? state = _state;
            if (state is null)
            {
                lock (Hdu.File.Sync)
                {
                    state = _state ??= Load(Hdu.File.EnterHdu(Hdu.Index));
                }
            }

            return state;
        }
    }

    /// <summary>Whether any card has this keyword (value or commentary cards alike).</summary>
    /// <param name="keyword">The keyword, e.g. <c>EXPTIME</c> or <c>ESO DET DIT</c>; case-insensitive.</param>
    /// <returns>True when the header has a card with this keyword.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    public bool Contains(string keyword) => IndexOf(keyword) >= 0;

    /// <summary>
    /// Index in <see cref="Cards"/> of the card that <see cref="Get{T}"/> reads for <paramref name="keyword"/>: the first
    /// one with a value indicator, else the first card with that keyword; -1 when there is none.
    /// </summary>
    /// <param name="keyword">The keyword; case-insensitive.</param>
    /// <returns>A zero-based index into <see cref="Cards"/>, or -1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    public int IndexOf(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return State.IndexOf(HeaderCardParser.LookupKey(keyword));
    }

    /// <summary>Reads a keyword's value as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">
    /// <c>string</c>, <c>bool</c>, <c>sbyte</c>, <c>byte</c>, <c>short</c>, <c>ushort</c>, <c>int</c>, <c>uint</c>,
    /// <c>long</c>, <c>ulong</c>, <c>float</c> or <c>double</c>. A <c>string</c> is the whole value of a long string
    /// (CONTINUE cards joined), without quotes or trailing blanks; for a value that is not a string it is the value as
    /// written (e.g. <c>"1.5D3"</c>), as CFITSIO's <c>ffgkys</c> returns it.
    /// </typeparam>
    /// <param name="keyword">The keyword, e.g. <c>EXPTIME</c> or <c>ESO DET DIT</c>; case-insensitive.</param>
    /// <returns>The value of the first occurrence of the keyword.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The header has no such keyword.</exception>
    /// <exception cref="InvalidCastException">The value has another FITS type, is undefined, or the card has no value.</exception>
    /// <exception cref="FormatException">The value is not valid FITS syntax (e.g. <c>1.2.3</c>).</exception>
    /// <exception cref="OverflowException">The value does not fit in <typeparamref name="T"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the types above.</exception>
    public T Get<T>(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        HeaderState state = State;
        HeaderReadResult result = Read(state, keyword, out T value, out int index);
        if (result == HeaderReadResult.Ok)
        {
            return value;
        }

        throw CreateException<T>(state, keyword, index, result);
    }

    /// <summary>Reads a keyword's value as <typeparamref name="T"/> when it exists and converts (see <see cref="Get{T}"/>).</summary>
    /// <typeparam name="T">One of the types <see cref="Get{T}"/> supports.</typeparam>
    /// <param name="keyword">The keyword; case-insensitive.</param>
    /// <param name="value">The value, or the default of <typeparamref name="T"/> when the method returns false.</param>
    /// <returns>True when the keyword exists and its value converts to <typeparamref name="T"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported type.</exception>
    public bool TryGet<T>(string keyword, [MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return Read(State, keyword, out value, out _) == HeaderReadResult.Ok;
    }

    /// <summary>
    /// A keyword's value as a string (see <see cref="Get{T}"/>), or null when the keyword is absent, its value is
    /// undefined, or its card has no value.
    /// </summary>
    /// <param name="keyword">The keyword; case-insensitive.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    public string? GetStringOrNull(string keyword) => TryGet(keyword, out string? value) ? value : null;

    /// <summary>
    /// A keyword's comment; for a long string, the comments of its CONTINUE cards are appended, separated by a blank.
    /// For commentary cards (COMMENT, HISTORY), their text.
    /// </summary>
    /// <param name="keyword">The keyword; case-insensitive.</param>
    /// <returns>The comment of the first occurrence; empty when it has none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The header has no such keyword.</exception>
    public string GetComment(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        HeaderState state = State;
        int index = state.IndexOf(HeaderCardParser.LookupKey(keyword));
        if (index < 0)
        {
            throw NotFound(keyword);
        }

        return HeaderState.HasValueIndicator(state.Cards[index]) ? state.FullComment(index) : state.Cards[index].Comment;
    }

    /// <summary>The header as text: one record per line, trailing blanks removed.</summary>
    /// <returns>The records joined with newlines.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (HeaderCard card in State.Cards)
        {
            text.Append(card.Record.AsSpan().TrimEnd(' ')).Append('\n');
        }

        return text.ToString();
    }

    private static HeaderReadResult Read<T>(HeaderState state, string keyword, out T value, out int index)
    {
        if (!HeaderValue.IsSupported<T>())
        {
            throw new NotSupportedException(
                $"Header values cannot be read as {typeof(T).Name}; use string, bool, sbyte, byte, short, ushort, int, uint, long, ulong, float or double.");
        }

        value = default!;
        index = state.IndexOf(HeaderCardParser.LookupKey(keyword));
        if (index < 0)
        {
            return HeaderReadResult.NotFound;
        }

        HeaderCard card = state.Cards[index];
        if (!HeaderState.HasValueIndicator(card))
        {
            return HeaderReadResult.NoValue;
        }

        if (card.Value is null)
        {
            return HeaderReadResult.Undefined;
        }

        if (typeof(T) == typeof(string))
        {
            value = (T)(object)state.StringValue(index, out _);
            return HeaderReadResult.Ok;
        }

        return HeaderValue.Convert(card.Value, out value);
    }

    private Exception CreateException<T>(HeaderState state, string keyword, int index, HeaderReadResult result)
    {
        if (result == HeaderReadResult.NotFound)
        {
            return NotFound(keyword);
        }

        HeaderCard card = state.Cards[index];
        string where = $"Keyword '{card.Keyword}' in {DescribeHdu()}";
        string type = typeof(T).Name;
        ValueSyntax syntax = HeaderValue.Classify(card.Value);
        return result switch
        {
            HeaderReadResult.NoValue => new InvalidCastException(
                $"{where} is a {card.Kind} card without a value; read its text through Header.Cards, Comments or History."),
            HeaderReadResult.Undefined => new InvalidCastException($"{where} has an undefined value; it cannot be read as {type}."),
            HeaderReadResult.BadFormat => new FormatException($"{where} has the value {card.Value}, which is not valid FITS syntax for {type}."),
            HeaderReadResult.Overflow => new OverflowException($"{where} has the value {card.Value}, which is outside the range of {type}."),
            _ => new InvalidCastException(
                $"{where} holds {HeaderValue.Describe(syntax)} ({card.Value}), which cannot be read as {type}" +
                (syntax == ValueSyntax.Real && typeof(T) != typeof(bool) ? "; read it as double." : ".")),
        };
    }

    private KeyNotFoundException NotFound(string keyword) =>
        new($"Keyword '{keyword.Trim()}' not found in {DescribeHdu()}.");

    private string DescribeHdu() => $"HDU {Hdu.Index} of '{Hdu.File.FileName}'";
}

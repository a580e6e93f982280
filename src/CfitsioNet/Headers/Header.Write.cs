using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Writing keywords. Every method needs a file opened for writing and updates <see cref="Cards"/> at once.</summary>
public sealed partial class Header
{
    // While an update-mode edit is planned: the header's records, which WriteRecord and DeleteRecord change instead of the file.
    private List<string>? _planned;

    /// <summary>
    /// Sets a string keyword: replaces its first occurrence (in place, with any CONTINUE cards it had) or appends it.
    /// A value longer than one card holds is written as a long string over CONTINUE cards; quotes are doubled.
    /// </summary>
    /// <param name="keyword">
    /// The keyword. Names of up to 8 letters, digits, <c>-</c> or <c>_</c> are written in upper case as standard keywords;
    /// any other name (longer, or with blanks, e.g. <c>ESO DET DIT</c>) as an ESO HIERARCH keyword.
    /// </param>
    /// <param name="value">Printable ASCII. Trailing blanks are not significant in FITS and do not read back.</param>
    /// <param name="comment">
    /// The comment; null keeps the existing comment (none for a new keyword), empty removes it. A comment longer than
    /// the record has room for is truncated, as CFITSIO and astropy do.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The keyword is empty, not printable ASCII, contains <c>=</c>, is too long, is COMMENT or HISTORY (use
    /// <see cref="AddComment"/>, <see cref="AddHistory"/>), CONTINUE, or a structural keyword (SIMPLE, XTENSION, BITPIX,
    /// NAXIS, NAXISn, PCOUNT, GCOUNT, TFIELDS, TFORMn, TBCOLn, THEAP, GROUPS, END); or the value or comment is not
    /// printable ASCII.
    /// </exception>
    /// <exception cref="InvalidOperationException">The file was opened read-only.</exception>
    /// <exception cref="FitsException">CFITSIO could not write the header.</exception>
    public void Set(string keyword, string value, string? comment = null)
    {
        KeywordToWrite name = CardFormatter.ForSet(keyword);
        ArgumentNullException.ThrowIfNull(value);
        CardFormatter.CheckText(value, nameof(value));
        CheckComment(comment);
        Replace(name, existing => CardFormatter.StringCards(name, value, comment ?? existing));
    }

    /// <summary>Sets a logical keyword (T or F): replaces its first occurrence or appends it.</summary>
    /// <param name="keyword">The keyword (see <see cref="Set(string, string, string?)"/> for the rules).</param>
    /// <param name="value">The value.</param>
    /// <param name="comment">The comment; null keeps the existing one, empty removes it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    /// <exception cref="ArgumentException">The keyword or comment is not allowed (see <see cref="Set(string, string, string?)"/>).</exception>
    /// <exception cref="InvalidOperationException">The file was opened read-only.</exception>
    /// <exception cref="FitsException">CFITSIO could not write the header.</exception>
    public void Set(string keyword, bool value, string? comment = null) => SetValue(keyword, value ? "T" : "F", comment);

    /// <summary>Sets an integer keyword: replaces its first occurrence or appends it.</summary>
    /// <param name="keyword">The keyword (see <see cref="Set(string, string, string?)"/> for the rules).</param>
    /// <param name="value">The value.</param>
    /// <param name="comment">The comment; null keeps the existing one, empty removes it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    /// <exception cref="ArgumentException">The keyword or comment is not allowed (see <see cref="Set(string, string, string?)"/>).</exception>
    /// <exception cref="InvalidOperationException">The file was opened read-only.</exception>
    /// <exception cref="FitsException">CFITSIO could not write the header.</exception>
    public void Set(string keyword, long value, string? comment = null)
        => SetValue(keyword, value.ToString(CultureInfo.InvariantCulture), comment);

    /// <summary>Sets an unsigned integer keyword (up to 18446744073709551615): replaces its first occurrence or appends it.</summary>
    /// <param name="keyword">The keyword (see <see cref="Set(string, string, string?)"/> for the rules).</param>
    /// <param name="value">The value.</param>
    /// <param name="comment">The comment; null keeps the existing one, empty removes it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    /// <exception cref="ArgumentException">The keyword or comment is not allowed (see <see cref="Set(string, string, string?)"/>).</exception>
    /// <exception cref="InvalidOperationException">The file was opened read-only.</exception>
    /// <exception cref="FitsException">CFITSIO could not write the header.</exception>
    public void Set(string keyword, ulong value, string? comment = null)
        => SetValue(keyword, value.ToString(CultureInfo.InvariantCulture), comment);

    /// <summary>
    /// Sets a real keyword: replaces its first occurrence or appends it. The value is written in the shortest form
    /// that reads back as the same <c>double</c>, always with a decimal point (<c>0.1</c>, <c>3.0</c>, <c>1.0E+16</c>).
    /// </summary>
    /// <param name="keyword">The keyword (see <see cref="Set(string, string, string?)"/> for the rules).</param>
    /// <param name="value">A finite value.</param>
    /// <param name="comment">The comment; null keeps the existing one, empty removes it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite, which FITS cannot represent.</exception>
    /// <exception cref="ArgumentException">The keyword or comment is not allowed (see <see cref="Set(string, string, string?)"/>).</exception>
    /// <exception cref="InvalidOperationException">The file was opened read-only.</exception>
    /// <exception cref="FitsException">CFITSIO could not write the header.</exception>
    public void Set(string keyword, double value, string? comment = null)
        => SetValue(keyword, CardFormatter.FormatReal(value), comment);

    /// <summary>Appends COMMENT cards holding <paramref name="text"/> (72 characters per card; an empty text writes one empty COMMENT).</summary>
    /// <param name="text">Printable ASCII.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not printable ASCII.</exception>
    /// <exception cref="InvalidOperationException">The file was opened read-only.</exception>
    /// <exception cref="FitsException">CFITSIO could not write the header.</exception>
    public void AddComment(string text) => AddCommentary("COMMENT", text);

    /// <summary>Appends HISTORY cards holding <paramref name="text"/> (72 characters per card; an empty text writes one empty HISTORY).</summary>
    /// <param name="text">Printable ASCII.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not printable ASCII.</exception>
    /// <exception cref="InvalidOperationException">The file was opened read-only.</exception>
    /// <exception cref="FitsException">CFITSIO could not write the header.</exception>
    public void AddHistory(string text) => AddCommentary("HISTORY", text);

    /// <summary>
    /// Removes every card with this keyword, with the CONTINUE cards of long string values, so that
    /// <see cref="Contains"/> is false afterwards. <c>Remove("COMMENT")</c> removes all COMMENT cards.
    /// </summary>
    /// <param name="keyword">The keyword; case-insensitive, HIERARCH names with or without the prefix.</param>
    /// <returns>True when at least one card was removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyword"/> is null.</exception>
    /// <exception cref="ArgumentException">The keyword is empty, CONTINUE, or structural (see <see cref="Set(string, string, string?)"/>).</exception>
    /// <exception cref="InvalidOperationException">The file was opened read-only.</exception>
    /// <exception cref="FitsException">CFITSIO could not write the header.</exception>
    public bool Remove(string keyword)
    {
        KeywordToWrite name = CardFormatter.ForRemove(keyword);
        bool removed = false;
        Modify((handle, state) =>
        {
            var records = new SortedSet<int>();
            foreach (int index in state.IndicesOf(name.LookupKey))
            {
                int span = state.RecordSpan(index);
                for (int k = 0; k < span; k++)
                {
                    records.Add(index + k);
                }
            }

            foreach (int record in records.Reverse())
            {
                DeleteRecord(handle, record);
            }

            removed = records.Count > 0;
            return removed;
        });
        return removed;
    }

    /// <summary>Re-reads the header after CFITSIO changed it (e.g. <see cref="Hdu.UpdateChecksum"/>). Call under the file's lock.</summary>
    internal void Refresh(FitsHandle handle) => _state = Load(handle);

    /// <summary>Reads the header from the current HDU: as stored, or a compressed image's image view. Call under the file's lock.</summary>
    private HeaderState Load(FitsHandle handle) => View(HeaderState.Read(Hdu.File, handle, Hdu.Index));

    private HeaderState View(HeaderState stored) => _imageView ? CompressedImageHeader.ToImage(stored) : stored;

    /// <summary>Forgets the snapshot after a failed write; the next read reloads it.</summary>
    internal void Invalidate() => _state = null;

    private static void CheckComment(string? comment)
    {
        if (comment is not null)
        {
            CardFormatter.CheckText(comment, nameof(comment));
        }
    }

    private void SetValue(string keyword, string valueText, string? comment)
    {
        KeywordToWrite name = CardFormatter.ForSet(keyword);
        CheckComment(comment);
        Replace(name, existing => CardFormatter.ValueCards(name, valueText, comment ?? existing));
    }

    private void AddCommentary(string keyword, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CardFormatter.CheckText(text, nameof(text));
        List<string> cards = CardFormatter.CommentaryCards(keyword, text);
        Modify((handle, _) =>
        {
            foreach (string card in cards)
            {
                WriteRecord(handle, card, insertAt: -1);
            }

            return true;
        });
    }

    // Replaces the records of the keyword's first occurrence (its card and CONTINUE cards) by the new ones, in the same
    // place; appends them when the keyword is absent. makeCards receives the existing comment.
    private void Replace(KeywordToWrite name, Func<string?, List<string>> makeCards)
    {
        Modify((handle, state) =>
        {
            int index = state.IndexOf(name.LookupKey);
            bool hasValue = index >= 0 && HeaderState.HasValueIndicator(state.Cards[index]);
            List<string> cards = makeCards(hasValue ? state.FullComment(index) : null);
            if (index < 0)
            {
                foreach (string card in cards)
                {
                    WriteRecord(handle, card, insertAt: -1);
                }

                return true;
            }

            for (int k = state.RecordSpan(index) - 1; k >= 0; k--)
            {
                DeleteRecord(handle, index + k);
            }

            for (int k = 0; k < cards.Count; k++)
            {
                WriteRecord(handle, cards[k], insertAt: index + k);
            }

            return true;
        });
    }

    // Runs a header change under the file's lock on a fresh snapshot, then lets CFITSIO re-read the header (scaling
    // keywords such as BZERO take effect) and refreshes Cards. write returns whether it changed anything.
    private void Modify(Func<FitsHandle, HeaderState, bool> write)
    {
        FitsFile file = Hdu.File;
        lock (file.Sync)
        {
            FitsHandle handle = file.EnterHdu(Hdu.Index);
            if (!file.IsWritable)
            {
                throw new InvalidOperationException($"'{file.FileName}' was opened read-only; its header cannot be changed.");
            }

            HeaderState state = HeaderState.Read(file, handle, Hdu.Index);
            if (file.EditsInPlace)
            {
                // Update mode on the original file: plan the records, then write them in place if that is safe.
                var planned = state.Cards.Select(c => c.Record).ToList();
                _planned = planned;
                bool changed;
                try
                {
                    changed = write(handle, state);
                }
                finally
                {
                    _planned = null;
                }

                if (!changed)
                {
                    _state = state;
                    return;
                }

                bool inPlace = file.TryWriteHeaderInPlace(Hdu.Index, planned);
                handle = file.EnterHdu(Hdu.Index);
                if (inPlace)
                {
                    Refresh(handle);
                    Hdu.HeaderChanged();
                    return;
                }

                state = HeaderState.Read(file, handle, Hdu.Index); // now on the temporary copy: CFITSIO edits it
            }

            bool touched = true;
            try
            {
                touched = write(handle, state);
                if (!touched)
                {
                    _state = View(state);
                }
                else
                {
                    CfitsioProxy.RereadDefinition(handle, "re-read header", Hdu.At);
                    Refresh(handle);
                }
            }
            catch
            {
                _state = null;
                throw;
            }
            finally
            {
                if (touched)
                {
                    Hdu.HeaderChanged();
                }
            }
        }
    }

    private unsafe void WriteRecord(FitsHandle handle, string card, int insertAt)
    {
        if (_planned is { } planned)
        {
            planned.Insert(insertAt < 0 ? planned.Count : insertAt, card);
            return;
        }

        byte* record = stackalloc byte[Cfitsio.CardLength];
        for (int i = 0; i < card.Length; i++)
        {
            record[i] = (byte)card[i];
        }

        record[card.Length] = 0;
        if (insertAt < 0)
        {
            CfitsioProxy.AppendRecord(handle, record, "write header record", Hdu.At);
        }
        else
        {
            CfitsioProxy.InsertRecord(handle, insertAt + 1, record, "write header record", Hdu.At);
        }
    }

    private void DeleteRecord(FitsHandle handle, int index)
    {
        if (_planned is { } planned)
        {
            planned.RemoveAt(index);
            return;
        }

        CfitsioProxy.DeleteRecord(handle, index + 1, "delete header record", Hdu.At);
    }
}

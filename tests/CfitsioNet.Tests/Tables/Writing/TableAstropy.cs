using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables.Writing;

/// <summary>Reads a table HDU with astropy (python3 subprocess) and returns every column as JSON: the independent reader.</summary>
internal static class TableAstropy
{
    // Per column: TFORM, unit, dtype, the shape of one cell (TDIM), TNULL, and the values as astropy gives them
    // (complex as [re, im], variable-length cells as lists, nulls of TNULL columns as null).
    private const string Script = """
import json, sys, warnings
import numpy as np
from astropy.io import fits
warnings.simplefilter("error")
path, ext, out = sys.argv[1], sys.argv[2], sys.argv[3]
def plain(v):
    if isinstance(v, (bytes, np.bytes_)): return v.decode("latin-1")
    if isinstance(v, np.ndarray): return [plain(x) for x in v]
    if isinstance(v, (list, tuple)): return [plain(x) for x in v]
    if isinstance(v, (complex, np.complexfloating)): return [float(v.real), float(v.imag)]
    if isinstance(v, (np.bool_, bool)): return bool(v)
    if isinstance(v, np.integer): return int(v)
    if isinstance(v, np.floating):
        f = float(v)
        return "nan" if f != f else ("inf" if f == float("inf") else ("-inf" if f == float("-inf") else f))
    return v
with fits.open(path) as hdul:
    hdu = hdul[int(ext)] if ext.isdigit() else hdul[ext]
    report = {"rows": len(hdu.data) if hdu.data is not None else 0, "extname": hdu.header.get("EXTNAME"), "columns": {}}
    for c in hdu.columns:
        data = hdu.data[c.name]
        values = [plain(x) for x in data]
        report["columns"][c.name] = {
            "format": str(c.format), "unit": c.unit, "dim": c.dim, "null": c.null,
            "dtype": np.asarray(data).dtype.name if not str(c.format).startswith(("P", "Q", "1P", "1Q")) else "object",
            "shape": list(np.asarray(data).shape[1:]) if not str(c.format).startswith(("P", "Q", "1P", "1Q")) else [],
            "values": values,
        }
json.dump(report, open(out, "w"))
""";

    internal static JsonElement Read(string path, string extension)
    {
        WritingTools.RequireTool(WritingTools.HasAstropy, "astropy");
        string folder = Path.GetDirectoryName(path)!;
        string script = Path.Combine(folder, "astropy_table.py");
        string output = Path.Combine(folder, Path.GetFileName(path) + "." + extension + ".json");
        File.WriteAllText(script, Script);
        ProcessResult run = WritingTools.Run("/usr/bin/python3", [script, path, extension, output], folder);
        Assert.That(run.ExitCode, Is.Zero, $"astropy could not read {path}[{extension}]: {run.StandardError}");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(output));
        return document.RootElement.Clone();
    }

    internal static void AssertFitsverifyClean(string path)
    {
        WritingTools.RequireTool(WritingTools.HasFitsverify, "fitsverify");
        Dictionary<string, FitsverifyResult> results = WritingTools.RunFitsverify(Path.GetDirectoryName(path)!, [Path.GetFileName(path)]);
        Assert.That(results.TryGetValue(Path.GetFileName(path), out FitsverifyResult? result), Is.True, "fitsverify gave no summary");
        Assert.That(result!.Clean, Is.True, $"{result.Line}\n{WritingTools.FitsverifyReport(path)}");
    }
}

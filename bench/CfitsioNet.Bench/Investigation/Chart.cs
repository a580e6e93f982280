using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// The chart of the main rows: int16 reads at 1000x1000 and 4096x4096, each bar the row's time over C's read into a
/// reused buffer of the same size (so both sizes share one axis), labelled with its median in ms.
/// </summary>
internal static class Chart
{
    private static readonly (string Label, string Implementation, string Case)[] Categories =
    [
        ("C\nreused buffer", "C", "read_reused"),
        ("C\nfresh mmap", "C", "read_fresh_mmap"),
        (".NET Span\nreused", ".NET", "span_reused"),
        (".NET NativeBuffer\nreused", ".NET", "native_reused"),
        (".NET NativeBuffer\nfresh (ReadNative)", ".NET", "native_fresh"),
        (".NET pinned\nfresh (ReadPinned)", ".NET", "pinned_fresh"),
        (".NET new array\n(Read<T>())", ".NET", "new_array"),
        (".NET open+read\n+close", ".NET", "new_array_reopen"),
        ("fitsio\nhdu.read()", "fitsio", "read_kept"),
        ("astropy\nhdu.data", "astropy", "read_kept"),
    ];

    internal static string? Write(IReadOnlyList<Row> rows, string path, Action<string> log)
    {
        string[] sizes = ["1000x1000", "4096x4096"];
        Color[] colors = [Color.FromHex("#4477AA"), Color.FromHex("#EE7733")];
        var plot = new Plot();
        var bars = new List<Bar>();
        bool any = false;
        for (int s = 0; s < sizes.Length; s++)
        {
            Row? reference = Find(rows, sizes[s], "C", "read_reused");
            for (int c = 0; c < Categories.Length; c++)
            {
                Row? row = Find(rows, sizes[s], Categories[c].Implementation, Categories[c].Case);
                if (row?.MedianMs is not double ms || reference?.MedianMs is not double refMs)
                {
                    continue;
                }

                any = true;
                bars.Add(new Bar
                {
                    Position = c * 3 + s,
                    Value = ms / refMs,
                    FillColor = colors[s],
                    Label = Report.Ms(ms),
                    LabelOnTop = true,
                    Size = 0.9,
                });
            }
        }

        if (!any)
        {
            log("chart: no int16 1000x1000 or 4096x4096 rows with a C baseline, no chart");
            return null;
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 10;

        Tick[] ticks = Categories.Select((c, i) => new Tick(i * 3 + 0.5, c.Label)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.Label.Text = "time / C read into a reused buffer (same size)";
        plot.Axes.Margins(bottom: 0, top: 0.25);
        plot.Add.HorizontalLine(1, 1, Colors.Gray, LinePattern.Dotted);
        plot.Title("int16 image reads: median time per read relative to C (CFITSIO) reading into a reused buffer; labels: median ms");
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "1000x1000 (2 MB)", FillColor = colors[0] });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "4096x4096 (32 MB)", FillColor = colors[1] });
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        plot.SavePng(path, 1500, 700);
        return path;
    }

    private static Row? Find(IReadOnlyList<Row> rows, string size, string implementation, string caseName) =>
        rows.FirstOrDefault(r => r.Dtype == "int16" && r.Size == size && r.Implementation == implementation && r.Case == caseName
                                 && r.Environment is null && !r.Group.StartsWith("conv", StringComparison.Ordinal)
                                 && !r.Group.StartsWith("batch", StringComparison.Ordinal));
}

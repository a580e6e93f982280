using System.Diagnostics;
using System.Linq;
using CfitsioNet.Direct;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>The measured choice between the map and positioned reads: the faster wins, the other is re-measured now and then.</summary>
[TestFixture]
public sealed class MapOrPreadTests
{
    private const long Bytes = 2_000_000;

    [Test]
    public void Without_estimates_the_map_is_tried_after_a_positioned_read()
    {
        var choice = new MapOrPread();
        Assert.That(choice.PreferMap(Bytes), Is.True, "no estimate at all: try the map");
        choice.Record(mapped: false, Bytes, Ticks(0.1));
        Assert.That(choice.PreferMap(Bytes), Is.True, "a positioned estimate only: the map is measured next");
    }

    [TestCase(0.15, 0.10, false)]
    [TestCase(0.08, 0.10, true)]
    public void The_faster_method_serves_all_but_the_exploring_reads(double mapMs, double preadMs, bool mapFaster)
    {
        var choice = new MapOrPread();
        choice.Record(mapped: false, Bytes, Ticks(preadMs));
        choice.Record(mapped: true, Bytes, Ticks(mapMs));
        bool[] picks = Enumerable.Range(0, 4 * MapOrPread.ExploreEvery).Select(_ => choice.PreferMap(Bytes)).ToArray();
        Assert.That(picks.Count(p => p == mapFaster), Is.EqualTo(4 * (MapOrPread.ExploreEvery - 1)));
        Assert.That(picks.Count(p => p != mapFaster), Is.EqualTo(4), "one read in ExploreEvery measures the other method");
    }

    [Test]
    public void A_changed_machine_changes_the_choice_and_one_outlier_does_not()
    {
        var choice = new MapOrPread();
        choice.Record(mapped: false, Bytes, Ticks(0.10));
        choice.Record(mapped: true, Bytes, Ticks(0.08));
        choice.Record(mapped: true, Bytes, Ticks(50)); // one interrupted read
        Assert.That(choice.Estimates(Bytes).MapNsPerByte, Is.LessThan(choice.Estimates(Bytes).PreadNsPerByte));
        for (int i = 0; i < 40; i++)
        {
            choice.Record(mapped: true, Bytes, Ticks(0.2)); // the map became slower (a busy core, another machine)
        }

        Assert.That(choice.Estimates(Bytes).MapNsPerByte, Is.GreaterThan(choice.Estimates(Bytes).PreadNsPerByte));
        Assert.That(choice.PreferMap(Bytes), Is.False);
    }

    [Test]
    public void Sizes_are_measured_apart()
    {
        var choice = new MapOrPread();
        choice.Record(mapped: false, Bytes, Ticks(0.10));
        choice.Record(mapped: true, Bytes, Ticks(0.20));
        Assert.That(choice.Estimates(64 * Bytes), Is.EqualTo((0.0, 0.0)));
        Assert.That(choice.PreferMap(64 * Bytes), Is.True);
        Assert.That(choice.PreferMap(Bytes), Is.False);
    }

    private static long Ticks(double milliseconds) => (long)(milliseconds * Stopwatch.Frequency / 1000);
}

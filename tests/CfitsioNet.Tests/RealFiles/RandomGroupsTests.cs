using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.RealFiles;

/// <summary>
/// A random-groups primary array written by astropy (tests/golden/realfiles/groups.fits): <see cref="ImageInfo"/> says
/// so, the image reads refuse it with a <see cref="FitsException"/> naming random groups (never an empty array), and
/// <see cref="ImageHdu.ReadGroups"/> gives the parameters astropy reads and the arrays scaled by the standard's rule.
/// </summary>
[TestFixture]
public sealed class RandomGroupsTests
{
    private static JsonElement Expected => RealFilesGolden.Section("groups");

    private static string GroupsFile => RealFilesGolden.PathOf("groups.fits");

    [Test]
    public void Info_says_random_groups_with_the_counts_of_the_header()
    {
        using var fits = FitsFile.Open(GroupsFile);
        ImageInfo info = fits.Primary.Info;
        long[] naxes = RealFilesGolden.Longs(Expected.GetProperty("naxes"));
        Assert.Multiple(() =>
        {
            Assert.That(info.IsRandomGroups, Is.True);
            Assert.That(info.GroupCount, Is.EqualTo(Expected.GetProperty("gcount").GetInt64()));
            Assert.That(info.ParameterCount, Is.EqualTo(Expected.GetProperty("pcount").GetInt32()));
            Assert.That(info.Shape, Is.EqualTo(naxes.Reverse().ToArray()), "NAXISn in C order, NAXIS1 = 0 last");
            Assert.That(info.ElementCount, Is.Zero);
            Assert.That(info.ToString(), Does.Contain("random groups"));
        });
    }

    [Test]
    public void Image_reads_refuse_random_groups_with_a_clear_exception()
    {
        using var fits = FitsFile.Open(GroupsFile);
        ImageHdu image = fits.Primary;
        foreach (Action read in new Action[]
        {
            () => image.Read<double>(),
            () => image.Read<short>(),
            () => image.Read<short>(new ReadOptions { Raw = true }),
            () => image.Read(PixelType.Double),
            () => image.ReadRawBytes(),
            () => image.ReadNative<double>().Dispose(),
            () => image.Read<double>(Span<double>.Empty),
        })
        {
            FitsException e = Assert.Throws<FitsException>(() => read())!;
            Assert.That(e.Message, Does.Contain("random groups").And.Contain("ReadGroups"));
            Assert.That(e.Message, Does.Contain("groups.fits"));
        }
    }

    [Test]
    public void ReadGroups_gives_the_parameters_astropy_reads_and_the_scaled_arrays()
    {
        using var fits = FitsFile.Open(GroupsFile);
        RandomGroups groups = fits.Primary.ReadGroups();
        JsonElement[] parameters = Expected.GetProperty("parameters").EnumerateArray().ToArray();
        Assert.That(groups.GroupCount, Is.EqualTo(Expected.GetProperty("gcount").GetInt32()));
        Assert.That(groups.ParameterNames, Is.EqualTo(parameters.Select(p => p.GetProperty("name").GetString()).ToArray()));
        Assert.That(groups.GroupShape, Is.EqualTo(RealFilesGolden.Longs(Expected.GetProperty("group_shape"))));
        Assert.That(groups.GroupLength, Is.EqualTo(groups.GroupShape.Aggregate(1L, (a, b) => a * b)));

        for (int p = 0; p < parameters.Length; p++)
        {
            double[] astropy = RealFilesGolden.Doubles(parameters[p].GetProperty("values"));
            Assert.That(groups.GetParameter(p), Is.EqualTo(astropy), $"parameter {p}");
            Assert.That(groups.GetParameter(parameters[p].GetProperty("name").GetString()!.ToLowerInvariant()), Is.EqualTo(astropy));
            Assert.That(parameters[p].GetProperty("pscal").GetDouble() != 1.0 || parameters[p].GetProperty("pzero").GetDouble() != 0.0 || p == 2,
                Is.True, "the file exercises PSCAL/PZERO");
        }

        double[] data = RealFilesGolden.Doubles(Expected.GetProperty("data"));
        Assert.That(groups.Data.ToArray(), Is.EqualTo(data));
        Assert.That(ReadingGolden.Sha(groups.Data.ToArray()), Is.EqualTo(Expected.GetProperty("data_sha256").GetString()));
        Assert.That(groups.GetData(3).ToArray(), Is.EqualTo(data.Skip(3 * groups.GroupLength).Take(groups.GroupLength).ToArray()));
        Assert.That(groups.GetParameters(3).ToArray(), Is.EqualTo(parameters.Select(p => RealFilesGolden.Doubles(p.GetProperty("values"))[3]).ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => groups.GetData(groups.GroupCount));
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => groups.GetParameter("WW"));
    }

    [Test]
    public void ReadGroups_of_a_plain_image_is_refused()
    {
        using var fits = FitsFile.Open(RealFilesGolden.PathOf("int64_blank.fits"));
        Assert.That(fits.Primary.Info.IsRandomGroups, Is.False);
        Assert.That(fits.Primary.Info.GroupCount, Is.Zero);
        Assert.Throws<InvalidOperationException>(() => fits.Primary.ReadGroups());
    }

    [Test]
    public void A_truncated_groups_file_is_a_FitsException()
    {
        using var folder = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(GroupsFile);
        string path = folder.Write("truncated.fits", bytes.AsSpan(0, 2880 + 100).ToArray());
        using var fits = FitsFile.Open(path);
        Assert.That(fits.Primary.Info.IsRandomGroups, Is.True);
        Assert.Throws<FitsException>(() => fits.Primary.ReadGroups());
    }
}

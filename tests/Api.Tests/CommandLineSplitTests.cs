using Cbvr.Api.Cli;

namespace Cbvr.Api.Tests;

/// <summary>Which arguments are configuration settings and which belong to the verbs.</summary>
public sealed class CommandLineSplitTests
{
    [Theory]
    [InlineData("--Ingest:FramesPerSecond=4")]
    [InlineData("--Ingest__FrameShortSide=128")]
    [InlineData("--environment=Development")]
    [InlineData("--Logging:LogLevel:Default=Warning")]
    [InlineData("--Storage=")]
    [InlineData("--Logging=")]
    public void IsSetting_ForAKeyTheVerbsDoNotDefine_IsTrue(string arg) => Assert.True(CommandLineSplit.IsSetting(arg), arg + " should be a setting");

    [Theory]
    [InlineData("--data")]
    [InlineData("--data=/tmp/x")]
    [InlineData("--json")]
    [InlineData("--urls=http://127.0.0.1:1")]
    [InlineData("clip.mp4")]
    [InlineData("Ingest:FramesPerSecond=4")]
    public void IsSetting_ForVerbsOptionsAndFiles_IsFalse(string arg) => Assert.False(CommandLineSplit.IsSetting(arg), arg + " should go to the verbs");

    [Fact]
    public void Split_KeepsVerbArgumentsInOrderAndTakesSettingsOut()
    {
        var (command, settings) = CommandLineSplit.Split(["ingest", "a.mp4", "--Ingest:FramesPerSecond=4", "--data", "/d", "b.mp4"]);

        Assert.Equal(["ingest", "a.mp4", "--data", "/d", "b.mp4"], command);
        Assert.Equal(["--Ingest:FramesPerSecond=4"], settings);
    }
}

using Serverless.Inference.Text;
using Shouldly;

namespace Serverless.Inference.Tests.Text;

public sealed class BlankFieldsTests
{
    [Theory]
    [InlineData("Account number: ____________", "Account number:  (blank to fill in) ")]
    [InlineData("Date of move: __ / __ / ____", "Date of move:  (blank to fill in) ")]
    [InlineData("Reason: [ ] faulty [ ] wrong size", "Reason:  (box to tick)  faulty  (box to tick)  wrong size")]
    [InlineData("Water supply 31 m3 ........ 58.90", "Water supply 31 m3 ........ 58.90")]
    [InlineData("snake_case_name stays", "snake_case_name stays")]
    public void Describe_PutsBlanksAndBoxesInWords_LeavesOtherTextAlone(string text, string expected) =>
        BlankFields.Describe(text).ShouldBe(expected);
}

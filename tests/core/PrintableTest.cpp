// printable(): what the CLI does to outside text before a terminal sees it.
#include "common/Printable.h"

#include <gtest/gtest.h>

using namespace RebuildRadar;

TEST(Printable, PlainTextIsUntouched)
{
    const QString plain = QStringLiteral("python:3.13  linux/arm64/v8\tß → 中文 ✓");
    EXPECT_EQ(printable(plain), plain);
    EXPECT_EQ(printable(QString()), QString());
}

TEST(Printable, ControlCharactersAreWrittenOutVisibly)
{
    EXPECT_EQ(printable(QStringLiteral("\x1b]0;pwned\x07")), QStringLiteral("\\x1b]0;pwned\\x07"));
    EXPECT_EQ(printable(QStringLiteral("a\x1b[31mred")), QStringLiteral("a\\x1b[31mred"));
    EXPECT_EQ(printable(QStringLiteral("line\nforged\r\b")), QStringLiteral("line\\x0aforged\\x0d\\x08"));
    EXPECT_EQ(printable(QStringLiteral("del\x7f")), QStringLiteral("del\\x7f"));
    // C1: U+009B is a one-character CSI on terminals that honour 8-bit controls.
    EXPECT_EQ(printable(QString(QChar(0x9b)) + QStringLiteral("2J")), QStringLiteral("\\u009b2J"));
    EXPECT_EQ(printable(QString(QChar(0))), QStringLiteral("\\x00"));
    // Nothing a terminal acts on is left.
    const QString out = printable(QStringLiteral("\x01\x02\x1b\x07\x9b\x9d"));
    EXPECT_TRUE(std::none_of(out.begin(), out.end(), [](QChar c) {
        return c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f);
    }));
}

# callflow - a SIP media application server with Lua call-flow handlers.
# `make run` and `make test` are all a newcomer needs (see README.md).

BUILD    ?= build
PKGS     := sofia-sip-ua libsrtp2 lua5.4 espeak-ng libevent libevent_pthreads \
            speexdsp sqlite3 jansson spandsp libpcre2-8
TEST_PKGS := cmocka

# Debian 12 packages: the toolchain, every library, and every tool the
# tests use. `make deps` installs whatever is missing.
DEB_PKGS := build-essential pkg-config libsofia-sip-ua-dev libsrtp2-dev \
            liblua5.4-dev libespeak-ng-dev espeak-ng libevent-dev \
            libspeexdsp-dev libsqlite3-dev sqlite3 libjansson-dev \
            libspandsp-dev libpcre2-dev \
            libcmocka-dev sip-tester baresip linphone-cli sox tshark \
            iproute2 procps util-linux python3 awscli

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-unused-parameter
ifeq ($(CI),true)
WARN     += -Werror
endif
ifneq ($(SANITIZE),)
CFLAGS   += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=$(SANITIZE)
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -std=c11 -D_GNU_SOURCE -I. -MMD -MP
ALL_CFLAGS = $(CPPFLAGS) $(CFLAGS) $(WARN) -pthread $(PKG_CFLAGS)
LDLIBS   += $(PKG_LIBS) -pthread -lm

SRCS     := $(wildcard runtime/*.c actions/*.c scripts/*.c sip/*.c tts/*.c)
OBJS     := $(SRCS:%.c=$(BUILD)/%.o)
BIN      := $(BUILD)/callflow

# Unit tests: tests/unit/test_NAME.c, linked with the sources its
# tests/unit/test_NAME.mk lists in TEST_SRCS_test_NAME.
UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
-include $(wildcard tests/unit/test_*.mk)

PROMPTS  := examples/storage/prompts/beep.wav examples/storage/prompts/thanks.wav

.PHONY: all run test unit integration conformance bench lint clean deps deps-check prompts
all: $(BIN) prompts

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BIN): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

test_objs = $(patsubst %.c,$(BUILD)/%.o,$(TEST_SRCS_test_$1))
.SECONDARY:
.SECONDEXPANSION:
$(BUILD)/tests/test_%: $(BUILD)/tests/unit/test_%.o $$(call test_objs,$$*)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

# Example prompts are generated, not committed: espeak-ng speaks, sox
# converts to 8 kHz mono 16-bit PCM.
prompts: $(PROMPTS)
examples/storage/prompts/beep.wav:
	@mkdir -p $(dir $@)
	sox -n -r 8000 -c 1 -b 16 $@ synth 0.4 sine 1000 vol 0.5
examples/storage/prompts/thanks.wav:
	@mkdir -p $(dir $@) $(BUILD)
	espeak-ng -v en-us -w $(BUILD)/thanks-22k.wav "Thank you for calling callflow. Goodbye."
	sox $(BUILD)/thanks-22k.wav -r 8000 -c 1 -b 16 $@

run: deps all
	$(BIN) serve -c examples/config.lua

unit: deps $(UNIT_BINS)
	@tests/run-unit.sh $(UNIT_BINS)

integration: deps all
	@tests/integration/run.sh $(BIN)

test: deps all $(UNIT_BINS)
	@tests/run-unit.sh $(UNIT_BINS)
	@tests/conformance/run.sh $(BIN)
	@tests/integration/run.sh $(BIN)

# The spec's rules and the examples' scenarios, in the offline simulator.
conformance: deps all
	@tests/conformance/run.sh $(BIN)

bench: deps all prompts
	@bench/run.sh $(BIN)
	@bench/simulate.sh $(BIN)

# One library, one home: sofia-sip only in sip/, Lua only in scripts/,
# espeak-ng only in tts/, libevent only in the loop files.
lint:
	@! grep -rlE '#include *<(sofia-sip/|nua\.h|su_)' --include='*.[ch]' runtime actions scripts tts || { echo "sofia-sip outside sip/"; exit 1; }
	@! grep -rlE '#include *<(lua\.h|lauxlib\.h|lualib\.h)' --include='*.[ch]' runtime actions sip tts || { echo "Lua outside scripts/"; exit 1; }
	@! grep -rlE '#include *<espeak' --include='*.[ch]' runtime actions scripts sip || { echo "espeak-ng outside tts/"; exit 1; }
	@! grep -rlE '#include *<event2/' --include='*.[ch]' runtime actions scripts sip tts | grep -vE 'runtime/(loop|loop_virtual|http)\.c' || { echo "libevent outside the loop"; exit 1; }
	@echo "lint: ok"

deps:
	@tests/deps.sh $(DEB_PKGS)

deps-check:
	@pkg-config --exists --print-errors $(PKGS) $(TEST_PKGS)

clean:
	rm -rf $(BUILD) $(PROMPTS)

-include $(OBJS:.o=.d) $(UNIT_SRCS:%.c=$(BUILD)/%.d)

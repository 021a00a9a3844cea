# window-pareto-long-text: test bits per byte by position, lm_linux_c (lllg, train_length=128, state_matched=rattention)
#
# Test bits per byte by position bucket, one line per configuration (mean over seeds, bars min..max),
# at the train length and the longest eval length: a model that uses its context gets better further in;
# past the train length the curve shows what happens beyond the positions it was trained on.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=rattention.gp
# in this folder: it redraws position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=rattention.png and position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=rattention.svg from position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=rattention.dat.

width = 1280; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=rattention." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: test bits per byte by position, lm_linux_c (lllg, train_length=128, state_matched=rattention)" font ",12"

    # eval length 128
    set title "eval length 128 bytes"
    set logscale x 2
    set autoscale x
    set autoscale y
    set xlabel "position in the window (bytes, log scale; bucket at its geometric middle)"
    set ylabel "test bits per byte"
    set key outside right top
    plot data index "[L=128 | swa W34]" using 3:4:5:6 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[L=128 | swa W36]" using 3:4:5:6 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[L=128 | swa W40]" using 3:4:5:6 with yerrorlines lc rgb "#5196c5" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[L=128 | swa W48]" using 3:4:5:6 with yerrorlines lc rgb "#3886bc" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[L=128 | swa W64]" using 3:4:5:6 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W64"

    # eval length 512
    set title "eval length 512 bytes"
    set logscale x 2
    set autoscale x
    set autoscale y
    set xlabel "position in the window (bytes, log scale; bucket at its geometric middle)"
    set ylabel "test bits per byte"
    set key outside right top
    plot data index "[L=512 | swa W34]" using 3:4:5:6 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[L=512 | swa W36]" using 3:4:5:6 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[L=512 | swa W40]" using 3:4:5:6 with yerrorlines lc rgb "#5196c5" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[L=512 | swa W48]" using 3:4:5:6 with yerrorlines lc rgb "#3886bc" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[L=512 | swa W64]" using 3:4:5:6 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W64"

    unset multiplot
    set output
}
